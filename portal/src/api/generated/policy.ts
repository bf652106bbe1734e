// Generated from contracts/openapi by `make contracts`; do not edit.
export interface paths {
    "/api/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Policies */
        get: operations["list_policies_api_policies_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policies/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Applications
         * @description Oldest first, as the queue is worked.
         */
        get: operations["list_applications_api_policies_applications_get"];
        put?: never;
        /** Enter Application */
        post: operations["enter_application_api_policies_applications_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policies/applications/{application_id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept */
        post: operations["accept_api_policies_applications__application_id__accept_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policies/applications/{application_id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject */
        post: operations["reject_api_policies_applications__application_id__reject_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policies/letterhead": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Letterhead */
        get: operations["get_letterhead_api_policies_letterhead_get"];
        /**
         * Put Letterhead
         * @description Takes effect now for documents of today on; documents of before keep the letterhead of
         *     their day.
         */
        put: operations["put_letterhead_api_policies_letterhead_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policies/renewals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Renewal Runs
         * @description The tenant's renewal runs, newest first.
         */
        get: operations["renewal_runs_api_policies_renewals_get"];
        put?: never;
        /**
         * Start Renewal Run
         * @description Starts the run (or a trial) for the caller's tenant; it goes on in the background.
         */
        post: operations["start_renewal_run_api_policies_renewals_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policies/renewals/{run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Renewal Run
         * @description A run with its progress (`done` of `total` policies) and, once done, its result.
         */
        get: operations["renewal_run_api_policies_renewals__run_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policies/{policy_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Policy */
        get: operations["get_policy_api_policies__policy_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policies/{policy_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel */
        post: operations["cancel_api_policies__policy_id__cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policies/{policy_id}/cancel/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview Cancellation
         * @description The cancellation's credit note, changing nothing.
         */
        post: operations["preview_cancellation_api_policies__policy_id__cancel_preview_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policies/{policy_id}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Policy Documents
         * @description The policy's schedules, invoices and credit notes, newest first, a page at a time;
         *     `made_at` says whether a document was made (and so sent) already.
         */
        get: operations["policy_documents_api_policies__policy_id__documents_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policies/{policy_id}/documents/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Policy Document */
        get: operations["policy_document_api_policies__policy_id__documents__key__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policies/{policy_id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Policy History */
        get: operations["policy_history_api_policies__policy_id__history_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policies/{policy_id}/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Policy Invoices
         * @description The policy's invoices and credit notes, newest first, a page at a time.
         */
        get: operations["policy_invoices_api_policies__policy_id__invoices_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policies/{policy_id}/mutations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mutate */
        post: operations["mutate_api_policies__policy_id__mutations_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policies/{policy_id}/mutations/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview Mutation
         * @description The mutation's policy and documents, changing nothing: for a wizard to show first.
         */
        post: operations["preview_mutation_api_policies__policy_id__mutations_preview_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policies/{policy_id}/payment-method": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set Payment Method
         * @description Direct debit or transfer from now on; the ledger's next collection run follows it.
         */
        put: operations["set_payment_method_api_policies__policy_id__payment_method_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/relations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Relations
         * @description By name (capitals aside).
         */
        get: operations["list_relations_api_relations_get"];
        put?: never;
        /** Create Relation */
        post: operations["create_relation_api_relations_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/relations/{relation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Relation */
        get: operations["get_relation_api_relations__relation_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change Relation */
        patch: operations["change_relation_api_relations__relation_id__patch"];
        trace?: never;
    };
    "/api/relations/{relation_id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Relation History Of */
        get: operations["relation_history_of_api_relations__relation_id__history_get"];
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
        /** AcceptIn */
        AcceptIn: {
            /**
             * Holder Id
             * @description An existing relation as policyholder; without it one is made from the applicant's details
             */
            holder_id?: string | null;
            /**
             * Payment Method
             * @description How the holder pays: direct debit (on a mandate) or transfer
             * @default transfer
             * @enum {string}
             */
            payment_method: "direct_debit" | "transfer";
        };
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
        /** ApplicationPremium */
        ApplicationPremium: {
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
        /** ApplicationSummary */
        ApplicationSummary: {
            /** Applicant */
            applicant: {
                [key: string]: unknown;
            };
            /** Channel */
            channel: string;
            /** Client Id */
            client_id: string | null;
            /**
             * Direct Debit
             * @description The applicant's mandate: iban, account_holder, signed_on
             */
            direct_debit?: {
                [key: string]: unknown;
            } | null;
            /** Id */
            id: string;
            /** Policy Id */
            policy_id: string | null;
            /** Policy Number */
            policy_number: string | null;
            /** Possible Duplicates */
            possible_duplicates: components["schemas"]["Duplicate"][];
            premium: components["schemas"]["ApplicationPremium"];
            /** Product */
            product: string;
            /** Product Version */
            product_version: number;
            /** Reason */
            reason: string | null;
            /** Reasons */
            reasons: string[];
            /**
             * Received At
             * Format: date-time
             */
            received_at: string;
            /** Review */
            review: boolean;
            /** Source */
            source: string;
            /** Start Date */
            start_date: string;
            /** Status */
            status: string;
            /** Test */
            test: boolean;
        };
        /** CancelIn */
        CancelIn: {
            /**
             * Effective Date
             * Format: date
             */
            effective_date: string;
            /** Reason */
            reason: string;
        };
        /** ChangedOut */
        ChangedOut: {
            /** Documents */
            documents: {
                [key: string]: unknown;
            }[];
            policy: components["schemas"]["PolicyOut"];
        };
        /** Changes */
        Changes: {
            address?: components["schemas"]["Address"] | null;
            /** Coverages */
            coverages?: string[] | null;
            /** Frequency */
            frequency?: ("annual" | "quarterly" | "monthly") | null;
            /** Risk */
            risk?: {
                [key: string]: unknown;
            } | null;
        };
        /** Decided */
        Decided: {
            application: components["schemas"]["ApplicationSummary"];
            /** Documents */
            documents?: {
                [key: string]: unknown;
            }[];
            /** Policy Id */
            policy_id?: string | null;
        };
        /** DocumentOut */
        DocumentOut: {
            /**
             * Date
             * Format: date
             */
            date: string;
            /** Href */
            href: string;
            /** Key */
            key: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "policy_schedule" | "invoice" | "credit_note";
            /** Made At */
            made_at: string | null;
            /** Test */
            test: boolean;
            /** Title */
            title: string;
        };
        /** Duplicate */
        Duplicate: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Reasons */
            reasons: string[];
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** InvoiceLine */
        InvoiceLine: {
            /** Commission */
            commission: string;
            /** Coverage */
            coverage: string;
            /** Net */
            net: string;
            /** Tax */
            tax: string;
        };
        /** InvoiceOut */
        InvoiceOut: {
            /** Commission */
            commission: string;
            /**
             * Currency
             * @default EUR
             */
            currency: string;
            /**
             * Due Date
             * Format: date
             */
            due_date: string;
            /** Id */
            id: string;
            /**
             * Issue Date
             * Format: date
             */
            issue_date: string;
            /** Kind */
            kind: string;
            /** Lines */
            lines: components["schemas"]["InvoiceLine"][];
            /** Net */
            net: string;
            /** Number */
            number: string;
            /**
             * Period End
             * Format: date
             */
            period_end: string;
            /**
             * Period Start
             * Format: date
             */
            period_start: string;
            /** Reason */
            reason: string;
            /** Tax */
            tax: string;
            /** Test */
            test: boolean;
            /** Total */
            total: string;
        };
        /**
         * JobOut
         * @description A job as its tenant sees it: `done` of `total` (None until counted) is its progress.
         */
        JobOut: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string;
            /** Done */
            done: number;
            /** Error */
            error: string | null;
            /** Finished At */
            finished_at: string | null;
            /** Id */
            id: string;
            /** Kind */
            kind: string;
            /** Number */
            number: string;
            /** Params */
            params: {
                [key: string]: unknown;
            };
            /** Result */
            result: {
                [key: string]: unknown;
            } | null;
            /** Started At */
            started_at: string | null;
            /** Status */
            status: string;
            /** Total */
            total: number | null;
        };
        /** LetterheadSetting */
        LetterheadSetting: {
            /**
             * Address Lines
             * @default []
             */
            address_lines: string[];
            /**
             * Contact Lines
             * @default []
             */
            contact_lines: string[];
            /**
             * Iban
             * @description The account customers pay transfers to
             */
            iban?: string | null;
            /**
             * Logo Png
             * @description The logo as a PNG, base64
             */
            logo_png?: string | null;
            /** Name */
            name: string;
        };
        /**
         * ManualApplicationIn
         * @description An application entered by an employee, e.g. from a paper form.
         */
        ManualApplicationIn: {
            applicant: components["schemas"]["Party"];
            /** Coverages */
            coverages?: string[];
            /**
             * Frequency
             * @default annual
             * @enum {string}
             */
            frequency: "annual" | "quarterly" | "monthly";
            product: components["schemas"]["ProductRef"];
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
        /** MutationIn */
        MutationIn: {
            changes: components["schemas"]["Changes"];
            /**
             * Effective Date
             * Format: date
             */
            effective_date: string;
            /** Note */
            note?: string | null;
        };
        /** Page[ApplicationSummary] */
        Page_ApplicationSummary_: {
            /** Items */
            items: components["schemas"]["ApplicationSummary"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[DocumentOut] */
        Page_DocumentOut_: {
            /** Items */
            items: components["schemas"]["DocumentOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[InvoiceOut] */
        Page_InvoiceOut_: {
            /** Items */
            items: components["schemas"]["InvoiceOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[JobOut] */
        Page_JobOut_: {
            /** Items */
            items: components["schemas"]["JobOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[PolicySummary] */
        Page_PolicySummary_: {
            /** Items */
            items: components["schemas"]["PolicySummary"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[RelationOut] */
        Page_RelationOut_: {
            /** Items */
            items: components["schemas"]["RelationOut"][];
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
        /** PaymentMethodIn */
        PaymentMethodIn: {
            /**
             * Method
             * @enum {string}
             */
            method: "direct_debit" | "transfer";
        };
        /**
         * PolicyOut
         * @description The policy as it stood on `as_of`: `status` is its status that day (a policy whose
         *     cancellation takes effect later is active until then, and `cancelled_from` says when);
         *     `coverages` are those in cover, required ones included; `chosen_coverages` the optional ones
         *     the holder chose (what a mutation's `coverages` replaces).
         */
        PolicyOut: {
            /** Address */
            address: {
                [key: string]: unknown;
            } | null;
            /**
             * As Of
             * Format: date
             */
            as_of: string;
            /**
             * Billed Until
             * Format: date
             */
            billed_until: string;
            /** Cancel Reason */
            cancel_reason: string | null;
            /** Cancelled From */
            cancelled_from: string | null;
            /** Channel */
            channel: string;
            /** Chosen Coverages */
            chosen_coverages: string[];
            /** Client Id */
            client_id: string | null;
            /** Coverages */
            coverages: string[];
            /** Ends */
            ends: string | null;
            /** Frequency */
            frequency: string | null;
            /** Holder Id */
            holder_id: string;
            /** Id */
            id: string;
            /** Insurer */
            insurer: {
                [key: string]: string;
            };
            /** Number */
            number: string;
            /**
             * Payment Method
             * @enum {string}
             */
            payment_method: "direct_debit" | "transfer";
            /** Premium */
            premium: {
                [key: string]: unknown;
            } | null;
            /** Product */
            product: {
                [key: string]: unknown;
            };
            /**
             * Renewal Date
             * Format: date
             */
            renewal_date: string;
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
            /**
             * Term Start
             * Format: date
             */
            term_start: string;
            /** Test */
            test: boolean;
        };
        /** PolicySummary */
        PolicySummary: {
            /** Ends */
            ends: string | null;
            /** Holder Id */
            holder_id: string;
            /**
             * Holder Name
             * @description The holder's name as the relation has it now
             */
            holder_name: string;
            /** Id */
            id: string;
            /** Number */
            number: string;
            /** Product */
            product: {
                [key: string]: unknown;
            };
            /**
             * Renewal Date
             * Format: date
             */
            renewal_date: string;
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
        /** ProductRef */
        ProductRef: {
            /** Code */
            code: string;
            /** Version */
            version: number;
        };
        /** RejectIn */
        RejectIn: {
            /** Reason */
            reason: string;
        };
        /** RelationIn */
        RelationIn: {
            address: components["schemas"]["Address"];
            /** Advisor Id */
            advisor_id?: string | null;
            /**
             * Coc Number
             * @description Chamber of Commerce (KvK) number
             */
            coc_number?: string | null;
            /** Date Of Birth */
            date_of_birth?: string | null;
            /** Email */
            email?: string | null;
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
            /** Roles */
            roles: ("policyholder" | "insured" | "advisor" | "intermediary" | "insurer" | "claimant" | "payee")[];
        };
        /** RelationOut */
        RelationOut: {
            address: components["schemas"]["Address"];
            /** Advisor Id */
            advisor_id?: string | null;
            /**
             * Coc Number
             * @description Chamber of Commerce (KvK) number
             */
            coc_number?: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Date Of Birth */
            date_of_birth?: string | null;
            /** Email */
            email?: string | null;
            /** Iban */
            iban?: string | null;
            /** Id */
            id: string;
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
            /** Possible Duplicates */
            possible_duplicates?: components["schemas"]["Duplicate"][] | null;
            /** Roles */
            roles: ("policyholder" | "insured" | "advisor" | "intermediary" | "insurer" | "claimant" | "payee")[];
            /** Row Version */
            row_version: number;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /**
         * RelationPatch
         * @description The fields to change; the others stay as they are.
         */
        RelationPatch: {
            /** Address */
            address?: {
                [key: string]: unknown;
            } | null;
            /** Advisor Id */
            advisor_id?: string | null;
            /** Coc Number */
            coc_number?: string | null;
            /** Date Of Birth */
            date_of_birth?: string | null;
            /** Email */
            email?: string | null;
            /** Iban */
            iban?: string | null;
            /** Name */
            name?: string | null;
            /** Phone */
            phone?: string | null;
            /** Roles */
            roles?: string[] | null;
        };
        /** RenewalIn */
        RenewalIn: {
            /**
             * Trial
             * @default false
             */
            trial: boolean;
            /**
             * Up To
             * Format: date
             */
            up_to: string;
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
        /** HistoryEntry */
        policy_service__policies__HistoryEntry: {
            /** Changes */
            changes: {
                [key: string]: unknown;
            };
            /**
             * Effective Date
             * Format: date
             */
            effective_date: string;
            /** Entered At */
            entered_at: unknown;
            /** Entered By */
            entered_by: string;
            /** Kind */
            kind: string;
            /** Note */
            note: string | null;
            /** Premium */
            premium: {
                [key: string]: unknown;
            } | null;
            /** Seq */
            seq: number;
        };
        /** HistoryEntry */
        policy_service__relations__HistoryEntry: {
            /** After */
            after: {
                [key: string]: unknown;
            };
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Before */
            before: {
                [key: string]: unknown;
            } | null;
            /** By */
            by: string;
            /** Change */
            change: string;
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
    list_policies_api_policies_get: {
        parameters: {
            query?: {
                number?: string | null;
                /** @description Holder relation id */
                holder?: string | null;
                /** @description Holder's postcode */
                postcode?: string | null;
                /** @description By policy number, `-number` newest first; else in no set order */
                sort?: ("number" | "-number") | null;
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
                    "application/json": components["schemas"]["Page_PolicySummary_"];
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
    list_applications_api_policies_applications_get: {
        parameters: {
            query?: {
                status?: ("received" | "accepted" | "rejected") | null;
                /** @description Only those marked for review */
                review?: boolean | null;
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
                    "application/json": components["schemas"]["Page_ApplicationSummary_"];
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
    enter_application_api_policies_applications_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ManualApplicationIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicationSummary"];
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
    accept_api_policies_applications__application_id__accept_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["AcceptIn"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Decided"];
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
    reject_api_policies_applications__application_id__reject_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: string;
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
                    "application/json": components["schemas"]["Decided"];
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
    get_letterhead_api_policies_letterhead_get: {
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
                    "application/json": components["schemas"]["LetterheadSetting"];
                };
            };
        };
    };
    put_letterhead_api_policies_letterhead_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LetterheadSetting"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LetterheadSetting"];
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
    renewal_runs_api_policies_renewals_get: {
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
                    "application/json": components["schemas"]["Page_JobOut_"];
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
    start_renewal_run_api_policies_renewals_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RenewalIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobOut"];
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
    renewal_run_api_policies_renewals__run_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: string;
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
                    "application/json": components["schemas"]["JobOut"];
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
    get_policy_api_policies__policy_id__get: {
        parameters: {
            query?: {
                /** @description Show it as it stood on this date */
                as_of?: string | null;
            };
            header?: never;
            path: {
                policy_id: string;
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
                    "application/json": components["schemas"]["PolicyOut"];
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
    cancel_api_policies__policy_id__cancel_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policy_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancelIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangedOut"];
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
    preview_cancellation_api_policies__policy_id__cancel_preview_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policy_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancelIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangedOut"];
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
    policy_documents_api_policies__policy_id__documents_get: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string | null;
            };
            header?: never;
            path: {
                policy_id: string;
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
                    "application/json": components["schemas"]["Page_DocumentOut_"];
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
    policy_document_api_policies__policy_id__documents__key__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policy_id: string;
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": unknown;
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
    policy_history_api_policies__policy_id__history_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policy_id: string;
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
                    "application/json": components["schemas"]["policy_service__policies__HistoryEntry"][];
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
    policy_invoices_api_policies__policy_id__invoices_get: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string | null;
            };
            header?: never;
            path: {
                policy_id: string;
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
                    "application/json": components["schemas"]["Page_InvoiceOut_"];
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
    mutate_api_policies__policy_id__mutations_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policy_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MutationIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangedOut"];
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
    preview_mutation_api_policies__policy_id__mutations_preview_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policy_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MutationIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangedOut"];
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
    set_payment_method_api_policies__policy_id__payment_method_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policy_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentMethodIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyOut"];
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
    list_relations_api_relations_get: {
        parameters: {
            query?: {
                /** @description Part of the name */
                name?: string | null;
                postcode?: string | null;
                house_number?: number | null;
                email?: string | null;
                role?: ("policyholder" | "insured" | "advisor" | "intermediary" | "insurer" | "claimant" | "payee") | null;
                /** @description The holder of this policy */
                policy_number?: string | null;
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
                    "application/json": components["schemas"]["Page_RelationOut_"];
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
    create_relation_api_relations_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RelationIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RelationOut"];
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
    get_relation_api_relations__relation_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                relation_id: string;
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
                    "application/json": components["schemas"]["RelationOut"];
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
    change_relation_api_relations__relation_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                relation_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RelationPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RelationOut"];
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
    relation_history_of_api_relations__relation_id__history_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                relation_id: string;
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
                    "application/json": components["schemas"]["policy_service__relations__HistoryEntry"][];
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
