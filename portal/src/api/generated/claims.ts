// Generated from contracts/openapi by `make contracts`; do not edit.
export interface paths {
    "/api/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Claims */
        get: operations["list_claims_api_claims_get"];
        put?: never;
        /** Register Claim */
        post: operations["register_claim_api_claims_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/authority-limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Limits */
        get: operations["list_limits_api_claims_authority_limits_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/authority-limits/{handler}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set Limit */
        put: operations["set_limit_api_claims_authority_limits__handler__put"];
        post?: never;
        /**
         * Drop Limit
         * @description The handler falls back to the tenant's default.
         */
        delete: operations["drop_limit_api_claims_authority_limits__handler__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/causes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Causes */
        get: operations["list_causes_api_claims_causes_get"];
        put?: never;
        /** Add Cause */
        post: operations["add_cause_api_claims_causes_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Claim Payments By Status */
        get: operations["claim_payments_by_status_api_claims_payments_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/reports/loss-ratio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Loss Ratio */
        get: operations["loss_ratio_api_claims_reports_loss_ratio_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/reports/open": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Open Claims
         * @description Claims not closed (test claims left out), per handler, by days since they were reported.
         */
        get: operations["open_claims_api_claims_reports_open_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Settings */
        get: operations["get_settings_api_claims_settings_get"];
        /** Put Settings */
        put: operations["put_settings_api_claims_settings_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/{claim_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Claim */
        get: operations["get_claim_api_claims__claim_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/{claim_id}/handler": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign Handler */
        post: operations["assign_handler_api_claims__claim_id__handler_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/{claim_id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add Note */
        post: operations["add_note_api_claims__claim_id__notes_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/{claim_id}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enter Payment
         * @description The same Idempotency-Key and body answer the payment made the first time (a repeated
         *     click or a retried request never pays twice).
         */
        post: operations["enter_payment_api_claims__claim_id__payments_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/{claim_id}/payments/{payment_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve Payment */
        post: operations["approve_payment_api_claims__claim_id__payments__payment_id__approve_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/{claim_id}/payments/{payment_id}/refuse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refuse Payment */
        post: operations["refuse_payment_api_claims__claim_id__payments__payment_id__refuse_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/{claim_id}/reserve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set Reserve */
        post: operations["set_reserve_api_claims__claim_id__reserve_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/{claim_id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Transition */
        post: operations["transition_api_claims__claim_id__transitions_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** AuthorityLimit */
        AuthorityLimit: {
            /** Authority Limit */
            authority_limit: string;
            /** Handler */
            handler: string;
            /** Set By */
            set_by: string;
        };
        /** AuthorityLimitIn */
        AuthorityLimitIn: {
            /** Authority Limit */
            authority_limit: number | string;
        };
        /** Cause */
        Cause: {
            /** Code */
            code: string;
            /** Name */
            name: string;
        };
        /** ClaimFile */
        ClaimFile: {
            /** Cause */
            cause: string;
            claimant: components["schemas"]["RelationOut"];
            /** Coverage */
            coverage: string;
            /** Description */
            description: string;
            /** Estimate */
            estimate: string;
            /** Handler */
            handler: string | null;
            /** History */
            history: components["schemas"]["HistoryOut"][];
            /** Id */
            id: string;
            /**
             * Loss Date
             * Format: date
             */
            loss_date: string;
            /** Next Statuses */
            next_statuses: string[];
            /** Number */
            number: string;
            /** Outside Cover */
            outside_cover: boolean;
            /** Outside Cover Reason */
            outside_cover_reason: string | null;
            /** Paid */
            paid: string;
            /** Payments */
            payments: components["schemas"]["PaymentOut"][];
            policy: components["schemas"]["PolicyOnLossDate"];
            /** Policy Id */
            policy_id: string;
            /** Policy Number */
            policy_number: string;
            policyholder: components["schemas"]["RelationOut"];
            /** Product */
            product: string;
            /**
             * Reported At
             * Format: date-time
             */
            reported_at: string;
            /** Reported By */
            reported_by: string;
            /** Reserve */
            reserve: string;
            /** Reserves */
            reserves: components["schemas"]["ReserveOut"][];
            /** Status */
            status: string;
            /** Test */
            test: boolean;
        };
        /** ClaimIn */
        ClaimIn: {
            /** Cause */
            cause: string;
            /**
             * Claimant Id
             * @description The policyholder if left out
             */
            claimant_id?: string | null;
            /**
             * Coverage
             * @description Needed when more than one coverage in force could pay for the cause
             */
            coverage?: string | null;
            /** Description */
            description: string;
            /** Estimate */
            estimate: number | string;
            /**
             * Loss Date
             * Format: date
             */
            loss_date: string;
            /**
             * Outside Cover Reason
             * @description Registers a claim the policy did not cover, and marks it so
             */
            outside_cover_reason?: string | null;
            /**
             * Policy Id
             * Format: uuid
             */
            policy_id: string;
        };
        /** ClaimPayment */
        ClaimPayment: {
            /** Amount */
            amount: string;
            /** Claim Id */
            claim_id: string;
            /** Claim Number */
            claim_number: string;
            /** Decided At */
            decided_at: string | null;
            /** Decided By */
            decided_by: string | null;
            /** Iban */
            iban: string;
            /** Id */
            id: string;
            /** Note */
            note: string | null;
            /** Payee Name */
            payee_name: string;
            /** Payee Relation Id */
            payee_relation_id: string;
            /** Policy Number */
            policy_number: string;
            /**
             * Requested At
             * Format: date-time
             */
            requested_at: string;
            /** Requested By */
            requested_by: string;
            /** Status */
            status: string;
        };
        /** ClaimSettings */
        "ClaimSettings-Input": {
            /**
             * Authority Limit
             * @description What a handler may pay without a second approver
             * @default 1000.00
             */
            authority_limit: number | string;
        };
        /** ClaimSettings */
        "ClaimSettings-Output": {
            /**
             * Authority Limit
             * @description What a handler may pay without a second approver
             * @default 1000.00
             */
            authority_limit: string;
        };
        /** ClaimSummary */
        ClaimSummary: {
            /** Cause */
            cause: string;
            /** Coverage */
            coverage: string;
            /** Estimate */
            estimate: string;
            /** Handler */
            handler: string | null;
            /** Id */
            id: string;
            /**
             * Loss Date
             * Format: date
             */
            loss_date: string;
            /** Number */
            number: string;
            /** Outside Cover */
            outside_cover: boolean;
            /** Paid */
            paid: string;
            /** Policy Id */
            policy_id: string;
            /** Policy Number */
            policy_number: string;
            /** Product */
            product: string;
            /**
             * Reported At
             * Format: date-time
             */
            reported_at: string;
            /** Reserve */
            reserve: string;
            /** Status */
            status: string;
            /** Test */
            test: boolean;
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** HandlerIn */
        HandlerIn: {
            /**
             * Handler
             * @description The handler's login
             */
            handler: string;
            /** Note */
            note?: string | null;
        };
        /** HandlerLoad */
        HandlerLoad: {
            /** By Age */
            by_age: {
                [key: string]: number;
            };
            /** Handler */
            handler: string | null;
            /** Oldest Days */
            oldest_days: number;
            /** Open */
            open: number;
            /** Reserve */
            reserve: string;
        };
        /** HistoryOut */
        HistoryOut: {
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** By */
            by: string;
            /** From Status */
            from_status: string | null;
            /** Kind */
            kind: string;
            /** Note */
            note: string | null;
            /** To Status */
            to_status: string | null;
        };
        /** LossRatio */
        LossRatio: {
            /**
             * Period From
             * Format: date
             */
            period_from: string;
            /**
             * Period To
             * Format: date
             */
            period_to: string;
            /** Products */
            products: components["schemas"]["ProductLosses"][];
        };
        /** NoteIn */
        NoteIn: {
            /** Note */
            note: string;
        };
        /** OpenClaims */
        OpenClaims: {
            /** Handlers */
            handlers: components["schemas"]["HandlerLoad"][];
            /**
             * On
             * Format: date
             */
            on: string;
        };
        /** Page[ClaimPayment] */
        Page_ClaimPayment_: {
            /** Items */
            items: components["schemas"]["ClaimPayment"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[ClaimSummary] */
        Page_ClaimSummary_: {
            /** Items */
            items: components["schemas"]["ClaimSummary"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** PaymentIn */
        PaymentIn: {
            /** Amount */
            amount: number | string;
            /**
             * Iban
             * @description The payee's IBAN on record if left out
             */
            iban?: string | null;
            /** Note */
            note?: string | null;
            /**
             * Payee Relation Id
             * Format: uuid
             */
            payee_relation_id: string;
        };
        /** PaymentOut */
        PaymentOut: {
            /** Amount */
            amount: string;
            /** Decided At */
            decided_at: string | null;
            /** Decided By */
            decided_by: string | null;
            /** Iban */
            iban: string;
            /** Id */
            id: string;
            /** Note */
            note: string | null;
            /** Payee Name */
            payee_name: string;
            /** Payee Relation Id */
            payee_relation_id: string;
            /**
             * Requested At
             * Format: date-time
             */
            requested_at: string;
            /** Requested By */
            requested_by: string;
            /** Status */
            status: string;
        };
        /**
         * PolicyOnLossDate
         * @description The policy as the claims service knows it, in force on the loss date (None if not).
         */
        PolicyOnLossDate: {
            /** Coverages */
            coverages: string[] | null;
            /** Ends */
            ends: string | null;
            /** Frequency */
            frequency: string | null;
            /** Insurer */
            insurer: {
                [key: string]: string;
            };
            /** Number */
            number: string;
            /** Product */
            product: {
                [key: string]: unknown;
            };
            /** Risk */
            risk: {
                [key: string]: unknown;
            } | null;
            /**
             * Start Date
             * Format: date
             */
            start_date: string;
            /** Status */
            status: string;
        };
        /** ProductLosses */
        ProductLosses: {
            /** Claims */
            claims: number;
            /** Incurred */
            incurred: string;
            /** Loss Ratio */
            loss_ratio: string | null;
            /** Paid */
            paid: string;
            /** Premium */
            premium: string;
            /** Product */
            product: string;
            /** Reserved */
            reserved: string;
        };
        /** RefusalIn */
        RefusalIn: {
            /** Reason */
            reason: string;
        };
        /** RelationOut */
        RelationOut: {
            /** Address */
            address: {
                [key: string]: unknown;
            } | null;
            /** Iban */
            iban: string | null;
            /** Id */
            id: string;
            /** Name */
            name: string | null;
        };
        /** ReserveIn */
        ReserveIn: {
            /** Amount */
            amount: number | string;
            /** Note */
            note: string;
        };
        /** ReserveOut */
        ReserveOut: {
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** By */
            by: string;
            /** Change */
            change: string;
            /** Reason */
            reason: string;
            /** Reserve */
            reserve: string;
        };
        /** TransitionIn */
        TransitionIn: {
            /** Note */
            note: string;
            /**
             * To
             * @enum {string}
             */
            to: "in_treatment" | "awaiting_information" | "accepted" | "rejected" | "paid" | "closed";
        };
        /** ValidationError */
        ValidationError: {
            /** Context */
            ctx?: Record<string, never>;
            /** Input */
            input?: unknown;
            /** Location */
            loc: (string | number)[];
            /** Message */
            msg: string;
            /** Error Type */
            type: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    list_claims_api_claims_get: {
        parameters: {
            query?: {
                policy_id?: string | null;
                /** @description reported | in_treatment | awaiting_information | accepted | rejected | paid | closed */
                status?: string | null;
                handler?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ClaimSummary_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    register_claim_api_claims_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClaimIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimFile"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_limits_api_claims_authority_limits_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthorityLimit"][];
                };
            };
        };
    };
    set_limit_api_claims_authority_limits__handler__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The handler's login */
                handler: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AuthorityLimitIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthorityLimit"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    drop_limit_api_claims_authority_limits__handler__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The handler's login */
                handler: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_causes_api_claims_causes_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cause"][];
                };
            };
        };
    };
    add_cause_api_claims_causes_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Cause"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cause"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    claim_payments_by_status_api_claims_payments_get: {
        parameters: {
            query?: {
                status?: "awaiting_approval" | "released" | "refused";
                /** @description Items per page */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ClaimPayment_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    loss_ratio_api_claims_reports_loss_ratio_get: {
        parameters: {
            query: {
                from: string;
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LossRatio"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    open_claims_api_claims_reports_open_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenClaims"];
                };
            };
        };
    };
    get_settings_api_claims_settings_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimSettings-Output"];
                };
            };
        };
    };
    put_settings_api_claims_settings_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClaimSettings-Input"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimSettings-Output"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_claim_api_claims__claim_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claim_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimFile"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    assign_handler_api_claims__claim_id__handler_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claim_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HandlerIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimFile"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    add_note_api_claims__claim_id__notes_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claim_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NoteIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimFile"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    enter_payment_api_claims__claim_id__payments_post: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string | null;
            };
            path: {
                claim_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    approve_payment_api_claims__claim_id__payments__payment_id__approve_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claim_id: string;
                payment_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    refuse_payment_api_claims__claim_id__payments__payment_id__refuse_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claim_id: string;
                payment_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefusalIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    set_reserve_api_claims__claim_id__reserve_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claim_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReserveIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimFile"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    transition_api_claims__claim_id__transitions_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claim_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimFile"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
}
