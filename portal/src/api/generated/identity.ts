// Generated from contracts/openapi by `make contracts`; do not edit.
export interface paths {
    "/api/identity/authenticator": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enrol
         * @description A new secret for the calling administrator, shown once as an otpauth:// URI and QR code.
         */
        post: operations["enrol_api_identity_authenticator_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/authenticator/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm */
        post: operations["confirm_api_identity_authenticator_confirm_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/catalogue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Catalogue
         * @description Modules, actions and the fixed protocols with their rights.
         */
        get: operations["catalogue_api_identity_catalogue_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/channel-clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Channel Clients
         * @description The tenant's API clients that are not revoked, by name: the channels a product approver
         *     publishes a version to. Names only; registering and revoking stay with the administrator.
         */
        get: operations["channel_clients_api_identity_channel_clients_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Me */
        get: operations["me_api_identity_me_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Tenants
         * @description Metadata only: the operator sees that a tenant exists, never its data.
         */
        get: operations["list_tenants_api_identity_tenants_get"];
        put?: never;
        /** Register Tenant */
        post: operations["register_tenant_api_identity_tenants_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/tenants/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Tenant
         * @description A tenant's name and status: for the operator always, for the tenant's own logins.
         */
        get: operations["get_tenant_api_identity_tenants__slug__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/tenants/{slug}/administrators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Appoint Administrator */
        post: operations["appoint_administrator_api_identity_tenants__slug__administrators_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/tenants/{slug}/api-clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Clients */
        get: operations["list_clients_api_identity_tenants__slug__api_clients_get"];
        put?: never;
        /** Register */
        post: operations["register_api_identity_tenants__slug__api_clients_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/tenants/{slug}/api-clients/{client_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke */
        delete: operations["revoke_api_identity_tenants__slug__api_clients__client_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/tenants/{slug}/api-clients/{client_id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate */
        post: operations["rotate_api_identity_tenants__slug__api_clients__client_id__rotate_secret_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/tenants/{slug}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Audit
         * @description The tenant's trail, newest first (by seq, the order of the chain); the cursor is a seq.
         */
        get: operations["list_audit_api_identity_tenants__slug__audit_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/tenants/{slug}/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify Audit
         * @description Whether the tenant's whole trail is intact, and if not the first seq where it breaks.
         */
        get: operations["verify_audit_api_identity_tenants__slug__audit_verify_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/tenants/{slug}/second-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Second Factor */
        get: operations["get_second_factor_api_identity_tenants__slug__second_factor_get"];
        /**
         * Set Second Factor
         * @description Asks a second factor of all the tenant's staff (`everyone`), or of its administrators
         *     only; applied to every login at once, and the same again changes nothing.
         */
        put: operations["set_second_factor_api_identity_tenants__slug__second_factor_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/tenants/{slug}/support-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Requests
         * @description The tenant's requests and grants, past and present, newest first. The administrator
         *     sees them all; an operator sees them too (they are about the operator's own access).
         */
        get: operations["list_requests_api_identity_tenants__slug__support_requests_get"];
        put?: never;
        /** Request Access */
        post: operations["request_access_api_identity_tenants__slug__support_requests_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/tenants/{slug}/support-requests/{request_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve */
        post: operations["approve_api_identity_tenants__slug__support_requests__request_id__approve_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/tenants/{slug}/support-requests/{request_id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke */
        post: operations["revoke_api_identity_tenants__slug__support_requests__request_id__revoke_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/tenants/{slug}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Logins */
        get: operations["list_logins_api_identity_tenants__slug__users_get"];
        put?: never;
        /** Create Login */
        post: operations["create_login_api_identity_tenants__slug__users_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/tenants/{slug}/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Set Enabled */
        patch: operations["set_enabled_api_identity_tenants__slug__users__user_id__patch"];
        trace?: never;
    };
    "/api/identity/tenants/{slug}/users/{user_id}/rights": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set Rights
         * @description Replace the login's protocols and individual rights; the gateway applies it at once.
         */
        put: operations["set_rights_api_identity_tenants__slug__users__user_id__rights_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/v1/client": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whoami
         * @description For an intermediary's developer: which client these credentials are, for which tenant.
         */
        get: operations["whoami_public_v1_client_get"];
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
        /** AdministratorIn */
        AdministratorIn: {
            /** User Id */
            user_id: string;
        };
        /** ApiClientIn */
        ApiClientIn: {
            /**
             * Channel
             * @enum {string}
             */
            channel: "intermediary" | "website";
            /** Name */
            name: string;
            /** Relation Id */
            relation_id?: string | null;
            /**
             * Test
             * @default false
             */
            test: boolean;
        };
        /** ApiClientOut */
        ApiClientOut: {
            /** Channel */
            channel: string;
            /** Client Id */
            client_id: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Name */
            name: string;
            /** Relation Id */
            relation_id: string | null;
            /** Revoked At */
            revoked_at?: string | null;
            /** Test */
            test: boolean;
        };
        /** ApiClientSecret */
        ApiClientSecret: {
            /** Client Id */
            client_id: string;
            /**
             * Client Secret
             * @description Shown once; store it now
             */
            client_secret: string;
        };
        /** ApiClientWithSecret */
        ApiClientWithSecret: {
            /** Channel */
            channel: string;
            /** Client Id */
            client_id: string;
            /**
             * Client Secret
             * @description Shown once; store it now
             */
            client_secret: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Name */
            name: string;
            /** Relation Id */
            relation_id: string | null;
            /** Revoked At */
            revoked_at?: string | null;
            /** Test */
            test: boolean;
        };
        /** AuditEntry */
        AuditEntry: {
            /** Acting As */
            acting_as: string;
            /** Action */
            action?: string | null;
            /** Actor */
            actor: string;
            /** Actor Name */
            actor_name: string;
            /** After */
            after?: {
                [key: string]: unknown;
            } | null;
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Before */
            before?: {
                [key: string]: unknown;
            } | null;
            /** Detail */
            detail?: string | null;
            /** Grant Id */
            grant_id?: string | null;
            /** Hash */
            hash: string;
            /** Kind */
            kind: string;
            /** Method */
            method?: string | null;
            /** Module */
            module?: string | null;
            /** Outcome */
            outcome: string;
            /** Path */
            path?: string | null;
            /** Request Id */
            request_id?: string | null;
            /** Seq */
            seq: number;
            /** Status */
            status?: number | null;
            /** Trace Id */
            trace_id?: string | null;
        };
        /**
         * ChainReportOut
         * @description `unrecorded`: decisions of the gateway that could not be written into the trail (parked
         *     for an operator): the trail is then not whole, whatever its chain says. `recording`:
         *     events of decisions on their way into it (an event may hold several): taken in and not yet
         *     written; the check first waits, up to two seconds, for what JetStream still held.
         */
        ChainReportOut: {
            /** First Broken Seq */
            first_broken_seq?: number | null;
            /** Problem */
            problem?: string | null;
            /**
             * Recording
             * @default 0
             */
            recording: number;
            /** Records */
            records: number;
            /**
             * Unrecorded
             * @default 0
             */
            unrecorded: number;
            /** Valid */
            valid: boolean;
        };
        /** ChannelClient */
        ChannelClient: {
            /** Channel */
            channel: string;
            /** Client Id */
            client_id: string;
            /** Name */
            name: string;
            /** Test */
            test: boolean;
        };
        /** ClientInfo */
        ClientInfo: {
            /** Channel */
            channel: string;
            /** Client Id */
            client_id: string;
            /** Name */
            name: string;
            /** Relation Id */
            relation_id: string | null;
            /** Tenant */
            tenant: string;
            /** Test */
            test: boolean;
        };
        /** CodeIn */
        CodeIn: {
            /**
             * Code
             * @description The 6-digit code on the phone
             */
            code: string;
        };
        /** Confirmed */
        Confirmed: {
            /** Administration */
            administration: string;
            /** Confirmed */
            confirmed: boolean;
        };
        /** EnabledIn */
        EnabledIn: {
            /** Enabled */
            enabled: boolean;
        };
        /** Enrolment */
        Enrolment: {
            /** Otpauth Uri */
            otpauth_uri: string;
            /** Qr Svg */
            qr_svg: string;
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** LoginIn */
        LoginIn: {
            /** Email */
            email: string;
            /** First Name */
            first_name: string;
            /** Last Name */
            last_name: string;
            /** Password */
            password: string;
            /**
             * Temporary
             * @default true
             */
            temporary: boolean;
            /**
             * Username
             * @description The login within the tenant; the person signs in as `<username>@<tenant>`
             */
            username: string;
        };
        /** LoginOut */
        LoginOut: {
            /**
             * Administrator
             * @default false
             */
            administrator: boolean;
            /** Email */
            email: string;
            /** Enabled */
            enabled: boolean;
            /** First Name */
            first_name: string;
            /** Id */
            id: string;
            /** Last Name */
            last_name: string;
            /**
             * Protocols
             * @default []
             */
            protocols: string[];
            /**
             * Rights
             * @default []
             */
            rights: string[];
            /**
             * Username
             * @description What the person types to sign in: `<login>@<tenant>`
             */
            username: string;
        };
        /** Me */
        Me: {
            /** Acting As */
            acting_as: string | null;
            /** Rights */
            rights: string[];
            /** Roles */
            roles: string[];
            /** Subject */
            subject: string;
            /** Tenant */
            tenant: string | null;
            /** Username */
            username: string;
        };
        /** Page[AuditEntry] */
        Page_AuditEntry_: {
            /** Items */
            items: components["schemas"]["AuditEntry"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[LoginOut] */
        Page_LoginOut_: {
            /** Items */
            items: components["schemas"]["LoginOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** RightIn */
        RightIn: {
            /** Action */
            action: string;
            /** Module */
            module: string;
        };
        /** RightsIn */
        RightsIn: {
            /**
             * Protocols
             * @default []
             */
            protocols: string[];
            /**
             * Rights
             * @default []
             */
            rights: components["schemas"]["RightIn"][];
        };
        /** RightsOut */
        RightsOut: {
            /** Effective */
            effective: string[];
            /** Protocols */
            protocols: string[];
            /** Rights */
            rights: string[];
            /** User Id */
            user_id: string;
        };
        /** ScopeItem */
        ScopeItem: {
            /** Action */
            action: string;
            /** Module */
            module: string;
        };
        /** SecondFactor */
        SecondFactor: {
            /**
             * Required For
             * @enum {string}
             */
            required_for: "administrators" | "everyone";
        };
        /** SupportRequestIn */
        SupportRequestIn: {
            /** Minutes */
            minutes: number;
            /** Reason */
            reason: string;
            /** Scope */
            scope: components["schemas"]["ScopeItem"][];
        };
        /** SupportRequestOut */
        SupportRequestOut: {
            /** Approved At */
            approved_at?: string | null;
            /** Approved By */
            approved_by?: string | null;
            /** Expires At */
            expires_at?: string | null;
            /** Id */
            id: string;
            /** Minutes */
            minutes: number;
            /** Reason */
            reason: string;
            /**
             * Requested At
             * Format: date-time
             */
            requested_at: string;
            /** Requested By */
            requested_by: string;
            /** Revoked At */
            revoked_at?: string | null;
            /** Scope */
            scope: components["schemas"]["ScopeItem"][];
            /** Status */
            status: string;
        };
        /** TenantIn */
        TenantIn: {
            /** Name */
            name: string;
            /**
             * Slug
             * @description Lower-case letters, digits and dashes
             */
            slug: string;
        };
        /** TenantList */
        TenantList: {
            /** Items */
            items: components["schemas"]["TenantOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** TenantOut */
        TenantOut: {
            /** Administration */
            administration: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Name */
            name: string;
            /** Slug */
            slug: string;
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
    enrol_api_identity_authenticator_post: {
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
                    "application/json": components["schemas"]["Enrolment"];
                };
            };
        };
    };
    confirm_api_identity_authenticator_confirm_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CodeIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Confirmed"];
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
    catalogue_api_identity_catalogue_get: {
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
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    channel_clients_api_identity_channel_clients_get: {
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
                    "application/json": components["schemas"]["ChannelClient"][];
                };
            };
        };
    };
    me_api_identity_me_get: {
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
                    "application/json": components["schemas"]["Me"];
                };
            };
        };
    };
    list_tenants_api_identity_tenants_get: {
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
                    "application/json": components["schemas"]["TenantList"];
                };
            };
        };
    };
    register_tenant_api_identity_tenants_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TenantIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantOut"];
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
    get_tenant_api_identity_tenants__slug__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
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
                    "application/json": components["schemas"]["TenantOut"];
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
    appoint_administrator_api_identity_tenants__slug__administrators_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdministratorIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginOut"];
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
    list_clients_api_identity_tenants__slug__api_clients_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
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
                    "application/json": components["schemas"]["ApiClientOut"][];
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
    register_api_identity_tenants__slug__api_clients_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiClientIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiClientWithSecret"];
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
    revoke_api_identity_tenants__slug__api_clients__client_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
                client_id: string;
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
    rotate_api_identity_tenants__slug__api_clients__client_id__rotate_secret_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
                client_id: string;
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
                    "application/json": components["schemas"]["ApiClientSecret"];
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
    list_audit_api_identity_tenants__slug__audit_get: {
        parameters: {
            query?: {
                /** @description Login id or username */
                actor?: string | null;
                module?: string | null;
                /** @description At or after (UTC if no zone) */
                from?: string | null;
                /** @description Before (UTC if no zone) */
                to?: string | null;
                /** @description Support grant id */
                grant?: string | null;
                outcome?: ("allowed" | "refused" | "changed") | null;
                /** @description Items per page */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string | null;
            };
            header?: never;
            path: {
                slug: string;
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
                    "application/json": components["schemas"]["Page_AuditEntry_"];
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
    verify_audit_api_identity_tenants__slug__audit_verify_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
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
                    "application/json": components["schemas"]["ChainReportOut"];
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
    get_second_factor_api_identity_tenants__slug__second_factor_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
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
                    "application/json": components["schemas"]["SecondFactor"];
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
    set_second_factor_api_identity_tenants__slug__second_factor_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SecondFactor"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecondFactor"];
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
    list_requests_api_identity_tenants__slug__support_requests_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
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
                    "application/json": components["schemas"]["SupportRequestOut"][];
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
    request_access_api_identity_tenants__slug__support_requests_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SupportRequestIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupportRequestOut"];
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
    approve_api_identity_tenants__slug__support_requests__request_id__approve_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
                request_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CodeIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupportRequestOut"];
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
    revoke_api_identity_tenants__slug__support_requests__request_id__revoke_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
                request_id: string;
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
                    "application/json": components["schemas"]["SupportRequestOut"];
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
    list_logins_api_identity_tenants__slug__users_get: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string | null;
            };
            header?: never;
            path: {
                slug: string;
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
                    "application/json": components["schemas"]["Page_LoginOut_"];
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
    create_login_api_identity_tenants__slug__users_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginOut"];
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
    set_enabled_api_identity_tenants__slug__users__user_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EnabledIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginOut"];
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
    set_rights_api_identity_tenants__slug__users__user_id__rights_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RightsIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RightsOut"];
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
    whoami_public_v1_client_get: {
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
                    "application/json": components["schemas"]["ClientInfo"];
                };
            };
        };
    };
}
