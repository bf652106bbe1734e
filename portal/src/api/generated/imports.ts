// Generated from contracts/openapi by `make contracts`; do not edit.
export interface paths {
    "/api/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Imports
         * @description The tenant's imports, newest first.
         */
        get: operations["list_imports_api_imports_get"];
        put?: never;
        /**
         * Upload
         * @description Takes the package and starts its dry run, which writes nothing to the business data;
         *     the import's report and errors show what it found. The same package again is refused
         *     while the first is not withdrawn.
         */
        post: operations["upload_api_imports_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/{import_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Import
         * @description The import's status, the dry run's progress, and its report: per kind the rows and
         *     control totals as the manifest states them and as the package holds them.
         */
        get: operations["get_import_api_imports__import_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/{import_id}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check Again
         * @description The dry run again, e.g. once a product version the package names is live.
         */
        post: operations["check_again_api_imports__import_id__check_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/{import_id}/commit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Commit
         * @description Loads a checked import: each service takes its part in the background, in batches; the
         *     import shows the progress, and once loaded what the books hold beside the manifest.
         */
        post: operations["commit_api_imports__import_id__commit_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/{import_id}/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Errors
         * @description What the dry run found wrong, in the order found (file by file, line by line, then the
         *     checks between files and the manifest's totals), each with file, line and field.
         */
        get: operations["list_errors_api_imports__import_id__errors_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/imports/{import_id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw
         * @description Withdraws the import as a whole: each service undoes its part (the ledger reverses the
         *     import's entries), in the background. 409 naming what blocks it, if anything was booked or
         *     changed on the imported data since.
         */
        post: operations["withdraw_api_imports__import_id__withdraw_post"];
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
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** ImportFinding */
        ImportFinding: {
            /** Field */
            field: string | null;
            /** File */
            file: string;
            /** Line */
            line: number;
            /** Message */
            message: string;
            /** Seq */
            seq: number;
        };
        /** ImportOut */
        ImportOut: {
            /** Acting As */
            acting_as: string;
            /** Checked At */
            checked_at: string | null;
            /** Committed At */
            committed_at: string | null;
            /** Committed By */
            committed_by: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string;
            /** Cut Off */
            cut_off: string | null;
            /**
             * Differences
             * @description Once loaded: where the books differ from the manifest's counts and totals
             */
            differences: string[];
            /** Error Count */
            error_count: number;
            /** Failure */
            failure: string | null;
            /** Grant Id */
            grant_id: string | null;
            /** Id */
            id: string;
            /** Kinds */
            kinds: {
                [key: string]: components["schemas"]["KindReport"];
            };
            /** Loaded At */
            loaded_at: string | null;
            /** Number */
            number: string;
            /** Package Bytes */
            package_bytes: number;
            /** Package Sha256 */
            package_sha256: string;
            /** Progress */
            progress: {
                [key: string]: unknown;
            } | null;
            /** Source System */
            source_system: string | null;
            /** Status */
            status: string;
            /**
             * Withdrawal
             * @description Once asked to withdraw: each service's answer (`withdrawn`, what it undid, or what blocks it) and what was undone in all
             */
            withdrawal?: {
                [key: string]: unknown;
            } | null;
            /** Withdrawn At */
            withdrawn_at?: string | null;
            /** Withdrawn By */
            withdrawn_by?: string | null;
        };
        /**
         * KindReport
         * @description A kind as the manifest states it, as its file holds it, and (once loaded) as the tenant's
         *     books hold it.
         */
        KindReport: {
            /** File */
            file: string;
            /** Loaded */
            loaded?: {
                [key: string]: unknown;
            } | null;
            /** Manifest */
            manifest: {
                [key: string]: unknown;
            };
            /** Package */
            package: {
                [key: string]: unknown;
            };
        };
        /** Page[ImportFinding] */
        Page_ImportFinding_: {
            /** Items */
            items: components["schemas"]["ImportFinding"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[ImportOut] */
        Page_ImportOut_: {
            /** Items */
            items: components["schemas"]["ImportOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
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
    list_imports_api_imports_get: {
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
                    "application/json": components["schemas"]["Page_ImportOut_"];
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
    upload_api_imports_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The conversion package: a ZIP file, manifest.json and a file per kind */
        requestBody: {
            content: {
                "application/octet-stream": string;
                "application/zip": string;
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportOut"];
                };
            };
        };
    };
    get_import_api_imports__import_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                import_id: string;
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
                    "application/json": components["schemas"]["ImportOut"];
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
    check_again_api_imports__import_id__check_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                import_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportOut"];
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
    commit_api_imports__import_id__commit_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                import_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportOut"];
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
    list_errors_api_imports__import_id__errors_get: {
        parameters: {
            query?: {
                /** @description Only the errors of this file */
                file?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string | null;
            };
            header?: never;
            path: {
                import_id: string;
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
                    "application/json": components["schemas"]["Page_ImportFinding_"];
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
    withdraw_api_imports__import_id__withdraw_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                import_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportOut"];
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
