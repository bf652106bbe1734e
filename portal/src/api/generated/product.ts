// Generated from contracts/openapi by `make contracts`; do not edit.
export interface paths {
    "/api/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Products */
        get: operations["list_products_api_products_get"];
        put?: never;
        /**
         * Create Product
         * @description A new product from its definition (as in examples/home-contents.json): version 1, draft.
         */
        post: operations["create_product_api_products_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Product */
        get: operations["get_product_api_products__code__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/{code}/quotes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Manual Quote
         * @description A quote for the manual channel, with the rating trace for the employee.
         */
        post: operations["manual_quote_api_products__code__quotes_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/{code}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New Version
         * @description The next draft, starting from the latest version's definition.
         */
        post: operations["new_version_api_products__code__versions_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/{code}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Version */
        get: operations["get_version_api_products__code__versions__version__get"];
        /**
         * Edit Draft
         * @description Replace a draft's definition. With `If-Match: "<ETag>"`, a concurrent edit gives 409.
         */
        put: operations["edit_draft_api_products__code__versions__version__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/{code}/versions/{version}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve */
        post: operations["approve_api_products__code__versions__version__approve_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/{code}/versions/{version}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish */
        post: operations["publish_api_products__code__versions__version__publish_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/{code}/versions/{version}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject */
        post: operations["reject_api_products__code__versions__version__reject_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/{code}/versions/{version}/risk-schema": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Version Risk Schema
         * @description The version's risk questions as JSON Schema (draft 2020-12), for the form of a manual
         *     application or a test quote; the same schema the public API gives intermediaries.
         */
        get: operations["version_risk_schema_api_products__code__versions__version__risk_schema_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/{code}/versions/{version}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit */
        post: operations["submit_api_products__code__versions__version__submit_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/{code}/versions/{version}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** To Test */
        post: operations["to_test_api_products__code__versions__version__test_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/{code}/versions/{version}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw */
        post: operations["withdraw_api_products__code__versions__version__withdraw_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/v1/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create Application */
        post: operations["create_application_public_v1_applications_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/v1/applications/{application_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Application */
        get: operations["get_application_public_v1_applications__application_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Products */
        get: operations["products_public_v1_products_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/v1/products/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Product */
        get: operations["product_public_v1_products__code__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/v1/quotes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create Quote */
        post: operations["create_quote_public_v1_quotes_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/v1/quotes/{quote_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Quote */
        get: operations["get_quote_public_v1_quotes__quote_id__get"];
        put?: never;
        post?: never;
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
        /** Address */
        Address: {
            /** City */
            city: string;
            /**
             * Country
             * @default NL
             */
            country: string;
            /** House Number */
            house_number: number;
            /** House Number Addition */
            house_number_addition?: string | null;
            /** Postcode */
            postcode: string;
            /** Street */
            street: string;
        };
        /** ApplicationIn */
        ApplicationIn: {
            applicant: components["schemas"]["Party"];
            /** @description Pay by direct debit: the applicant's mandate */
            direct_debit?: components["schemas"]["DirectDebitConsent"] | null;
            /** Quote Id */
            quote_id: string;
            /** Start Date */
            start_date?: string | null;
        };
        /** ApplicationOut */
        ApplicationOut: {
            /** Id */
            id: string;
            /** Policy Number */
            policy_number: string | null;
            /** Quote Id */
            quote_id: string;
            /** Reason */
            reason: string | null;
            /** Review */
            review: boolean;
            /**
             * Start Date
             * Format: date
             */
            start_date: string;
            /** Status */
            status: string;
            /** Test */
            test: boolean;
        };
        /** Channels */
        Channels: {
            /**
             * Intermediaries
             * @description API client ids
             */
            intermediaries?: string[];
            /**
             * Manual
             * @default false
             */
            manual: boolean;
            /**
             * Website
             * @default false
             */
            website: boolean;
        };
        /** CoverageInfo */
        CoverageInfo: {
            /** Code */
            code: string;
            /** Name */
            name: string;
            /** Required */
            required: boolean;
        };
        /**
         * DirectDebitConsent
         * @description The applicant's SEPA mandate, given with the application: the premium is collected from
         *     this account by direct debit, the mandate signed on the day of the application.
         */
        DirectDebitConsent: {
            /**
             * Account Holder
             * @description The applicant's name if not given
             */
            account_holder?: string | null;
            /**
             * Consent
             * @description The applicant agreed to the mandate's text
             * @constant
             */
            consent: true;
            /** Iban */
            iban: string;
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** HistoryEntry */
        HistoryEntry: {
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** By */
            by: string;
            /** From Status */
            from_status: string | null;
            /** Note */
            note: string | null;
            /** Step */
            step: string;
            /** To Status */
            to_status: string;
        };
        /** OfferedProduct */
        OfferedProduct: {
            /** Code */
            code: string;
            /** Insurer */
            insurer: {
                [key: string]: string;
            };
            /** Name */
            name: string;
            /** Test */
            test: boolean;
            /** Version */
            version: number;
        };
        /** Page[ProductSummary] */
        Page_ProductSummary_: {
            /** Items */
            items: components["schemas"]["ProductSummary"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /**
         * Party
         * @description An applicant: a person gives a date of birth, everyone an e-mail address.
         */
        Party: {
            address: components["schemas"]["Address"];
            /** Date Of Birth */
            date_of_birth?: string | null;
            /** Email */
            email: string;
            /** Iban */
            iban?: string | null;
            /**
             * Kind
             * @default person
             * @enum {string}
             */
            kind: "person" | "organization";
            /** Name */
            name: string;
            /** Phone */
            phone?: string | null;
        };
        /** Premium */
        Premium: {
            /** Commission */
            commission: string;
            /** Currency */
            currency: string;
            /** Frequency */
            frequency: string;
            /** Net */
            net: string;
            /** Tax */
            tax: string;
            /** Total */
            total: string;
        };
        /** ProductDetail */
        ProductDetail: {
            /** Code */
            code: string;
            /** Coverages */
            coverages: components["schemas"]["CoverageInfo"][];
            /** Frequencies */
            frequencies: string[];
            /** Insurer */
            insurer: {
                [key: string]: string;
            };
            /** Name */
            name: string;
            /** Risk Schema */
            risk_schema: {
                [key: string]: unknown;
            };
            /** Test */
            test: boolean;
            /** Version */
            version: number;
        };
        /** ProductOut */
        ProductOut: {
            /** Code */
            code: string;
            /** Name */
            name: string;
            /** Versions */
            versions: {
                [key: string]: unknown;
            }[];
        };
        /** ProductSummary */
        ProductSummary: {
            /** Code */
            code: string;
            /** Latest Status */
            latest_status?: string | null;
            /** Latest Version */
            latest_version?: number | null;
            /** Name */
            name: string;
        };
        /** PublishIn */
        PublishIn: {
            channels: components["schemas"]["Channels"];
        };
        /** QuoteIn */
        QuoteIn: {
            /** Coverages */
            coverages?: string[];
            /**
             * Frequency
             * @default annual
             * @enum {string}
             */
            frequency: "annual" | "quarterly" | "monthly";
            /** Product */
            product?: string | null;
            /** Risk */
            risk?: {
                [key: string]: unknown;
            };
            /**
             * Start Date
             * Format: date
             */
            start_date: string;
        };
        /** QuoteOut */
        QuoteOut: {
            /** Decision */
            decision: string;
            /** Id */
            id: string;
            premium: components["schemas"]["Premium"] | null;
            /** Product */
            product: string;
            /** Reasons */
            reasons: string[];
            /** Test */
            test: boolean;
            /** Trace */
            trace?: string[] | null;
            /**
             * Valid Until
             * Format: date
             */
            valid_until: string;
            /** Version */
            version: number;
        };
        /** RejectIn */
        RejectIn: {
            /** Reason */
            reason: string;
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
        /** VersionOut */
        VersionOut: {
            /** Authors */
            authors: string[];
            channels: components["schemas"]["Channels"] | null;
            /** Code */
            code: string;
            /** Definition */
            definition: {
                [key: string]: unknown;
            };
            /**
             * Effective From
             * Format: date
             */
            effective_from: string;
            /** History */
            history: components["schemas"]["HistoryEntry"][];
            /** Status */
            status: string;
            /** Version */
            version: number;
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
    list_products_api_products_get: {
        parameters: {
            query?: {
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
                    "application/json": components["schemas"]["Page_ProductSummary_"];
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
    create_product_api_products_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionOut"];
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
    get_product_api_products__code__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
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
                    "application/json": components["schemas"]["ProductOut"];
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
    manual_quote_api_products__code__quotes_post: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string | null;
            };
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuoteIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuoteOut"];
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
    new_version_api_products__code__versions_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionOut"];
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
    get_version_api_products__code__versions__version__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                /** @description The version number */
                version: number;
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
                    "application/json": components["schemas"]["VersionOut"];
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
    edit_draft_api_products__code__versions__version__put: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string | null;
            };
            path: {
                code: string;
                /** @description The version number */
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionOut"];
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
    approve_api_products__code__versions__version__approve_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                /** @description The version number */
                version: number;
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
                    "application/json": components["schemas"]["VersionOut"];
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
    publish_api_products__code__versions__version__publish_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                /** @description The version number */
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PublishIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionOut"];
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
    reject_api_products__code__versions__version__reject_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                /** @description The version number */
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RejectIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionOut"];
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
    version_risk_schema_api_products__code__versions__version__risk_schema_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                /** @description The version number */
                version: number;
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
                    "application/json": {
                        [key: string]: unknown;
                    };
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
    submit_api_products__code__versions__version__submit_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                /** @description The version number */
                version: number;
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
                    "application/json": components["schemas"]["VersionOut"];
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
    to_test_api_products__code__versions__version__test_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                /** @description The version number */
                version: number;
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
                    "application/json": components["schemas"]["VersionOut"];
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
    withdraw_api_products__code__versions__version__withdraw_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                /** @description The version number */
                version: number;
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
                    "application/json": components["schemas"]["VersionOut"];
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
    create_application_public_v1_applications_post: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApplicationIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicationOut"];
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
    get_application_public_v1_applications__application_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: string;
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
                    "application/json": components["schemas"]["ApplicationOut"];
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
    products_public_v1_products_get: {
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
                    "application/json": components["schemas"]["OfferedProduct"][];
                };
            };
        };
    };
    product_public_v1_products__code__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
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
                    "application/json": components["schemas"]["ProductDetail"];
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
    create_quote_public_v1_quotes_post: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuoteIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuoteOut"];
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
    get_quote_public_v1_quotes__quote_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                quote_id: string;
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
                    "application/json": components["schemas"]["QuoteOut"];
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
