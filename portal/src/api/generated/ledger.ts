// Generated from contracts/openapi by `make contracts`; do not edit.
export interface paths {
    "/api/creditors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Creditor Balances */
        get: operations["creditor_balances_api_creditors_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditors/matches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Payment Matches
         * @description Matches of payments, newest first, with the items they took off.
         */
        get: operations["payment_matches_api_creditors_matches_get"];
        put?: never;
        /** Match Payment */
        post: operations["match_payment_api_creditors_matches_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditors/matches/{match_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Undo Payment Match */
        delete: operations["undo_payment_match_api_creditors_matches__match_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditors/open-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Creditor Open Items
         * @description Creditors' open items, the earliest due first.
         */
        get: operations["creditor_open_items_api_creditors_open_items_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditors/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Payments
         * @description Payments (amounts negative), to be matched to creditors' open items.
         */
        get: operations["list_payments_api_creditors_payments_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditors/{relation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Creditor Account */
        get: operations["creditor_account_api_creditors__relation_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/creditors/{relation_id}/settlement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Settlement Statement */
        get: operations["settlement_statement_api_creditors__relation_id__settlement_get"];
        put?: never;
        /** Settle Period */
        post: operations["settle_period_api_creditors__relation_id__settlement_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Debtor Balances */
        get: operations["debtor_balances_api_debtors_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/collection-blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Blocks */
        get: operations["list_blocks_api_debtors_collection_blocks_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/collection-blocks/{relation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Block */
        get: operations["get_block_api_debtors_collection_blocks__relation_id__get"];
        /**
         * Put Block
         * @description Blocks the relation for direct debit, or changes the reason of its block.
         */
        put: operations["put_block_api_debtors_collection_blocks__relation_id__put"];
        post?: never;
        /** Lift Block */
        delete: operations["lift_block_api_debtors_collection_blocks__relation_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/collection-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Collection Settings */
        get: operations["get_collection_settings_api_debtors_collection_settings_get"];
        /** Put Collection Settings */
        put: operations["put_collection_settings_api_debtors_collection_settings_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/collections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Collection Runs
         * @description The tenant's runs and trials, newest first.
         */
        get: operations["collection_runs_api_debtors_collections_get"];
        put?: never;
        /**
         * Start Collection Run
         * @description Starts a run (or a trial) for the collection date; it goes on in the background.
         */
        post: operations["start_collection_run_api_debtors_collections_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/collections/{run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Collection Run
         * @description A run with its progress and, once done, what it collected (or would) and left out.
         */
        get: operations["collection_run_api_debtors_collections__run_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/collections/{run_id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Collection File
         * @description The run's pain.008.001.02 file, the same every time it is fetched.
         */
        get: operations["collection_file_api_debtors_collections__run_id__file_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/items/{item_id}/document": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Item Document
         * @description A premium item's invoice or credit note is the policy administration's document: this
         *     sends the caller there (`policies:view` is needed to read it).
         */
        get: operations["item_document_api_debtors_items__item_id__document_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/mandates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Mandates
         * @description By reference; optionally of one relation or in one status.
         */
        get: operations["list_mandates_api_debtors_mandates_get"];
        put?: never;
        /**
         * Create Mandate
         * @description A mandate the relation signed; its reference must be new to the tenant.
         */
        post: operations["create_mandate_api_debtors_mandates_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/mandates/{mandate_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Mandate
         * @description The mandate with its history.
         */
        get: operations["get_mandate_api_debtors_mandates__mandate_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/mandates/{mandate_id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke Mandate
         * @description No collection is made on it any more; kept with its history.
         */
        post: operations["revoke_mandate_api_debtors_mandates__mandate_id__revoke_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/matches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Receipt Matches
         * @description Matches of receipts, newest first, with the items they took off.
         */
        get: operations["receipt_matches_api_debtors_matches_get"];
        put?: never;
        /** Match Receipt */
        post: operations["match_receipt_api_debtors_matches_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/matches/{match_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Undo Receipt Match */
        delete: operations["undo_receipt_match_api_debtors_matches__match_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/open-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Debtor Open Items
         * @description Debtors' open items, the earliest due first.
         */
        get: operations["debtor_open_items_api_debtors_open_items_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/open-items/{item_id}/arrangement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set Arrangement
         * @description A payment arrangement on a debtor item: its reminders wait until the day it names.
         */
        put: operations["set_arrangement_api_debtors_open_items__item_id__arrangement_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Receipts */
        get: operations["list_receipts_api_debtors_receipts_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/receipts/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Unmatched With Suggestions
         * @description The unmatched receipts, a page at a time, each with its suggestions: the matching
         *     workbench's list, and a statement's receipts at a glance.
         */
        get: operations["unmatched_with_suggestions_api_debtors_receipts_suggestions_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/receipts/{receipt_id}/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Suggestions */
        get: operations["suggestions_api_debtors_receipts__receipt_id__suggestions_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/receipts/{receipt_id}/suggestions/{rank}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept Suggestion */
        post: operations["accept_suggestion_api_debtors_receipts__receipt_id__suggestions__rank__accept_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/reminder-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reminder Runs */
        get: operations["reminder_runs_api_debtors_reminder_runs_get"];
        put?: never;
        /**
         * Start Reminder Run
         * @description Today's reminders (or a trial that counts them), in the background.
         */
        post: operations["start_reminder_run_api_debtors_reminder_runs_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/reminder-runs/{run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reminder Run */
        get: operations["reminder_run_api_debtors_reminder_runs__run_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/reminder-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Reminder Settings
         * @description The tenant's intervals and texts (`{reference}` and `{amount}` are filled in).
         */
        get: operations["get_reminder_settings_api_debtors_reminder_settings_get"];
        /** Put Reminder Settings */
        put: operations["put_reminder_settings_api_debtors_reminder_settings_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/reminders/{reminder_id}/document": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reminder Document */
        get: operations["reminder_document_api_debtors_reminders__reminder_id__document_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/debtors/{relation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Debtor Account */
        get: operations["debtor_account_api_debtors__relation_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ledger/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Accounts */
        get: operations["list_accounts_api_ledger_accounts_get"];
        put?: never;
        /** Add Account */
        post: operations["add_account_api_ledger_accounts_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ledger/accounts/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete Account */
        delete: operations["delete_account_api_ledger_accounts__code__delete"];
        options?: never;
        head?: never;
        /** Change Account */
        patch: operations["change_account_api_ledger_accounts__code__patch"];
        trace?: never;
    };
    "/api/ledger/accounts/{code}/card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Card */
        get: operations["card_api_ledger_accounts__code__card_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ledger/bank-statements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import Statement */
        post: operations["import_statement_api_ledger_bank_statements_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ledger/journal-entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Entries
         * @description Entries newest first (by number), with their lines.
         */
        get: operations["list_entries_api_ledger_journal_entries_get"];
        put?: never;
        /** Enter */
        post: operations["enter_api_ledger_journal_entries_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ledger/journal-entries/{entry_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Entry */
        get: operations["get_entry_api_ledger_journal_entries__entry_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ledger/journal-entries/{entry_id}/reverse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reverse */
        post: operations["reverse_api_ledger_journal_entries__entry_id__reverse_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ledger/periods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Closed */
        get: operations["closed_api_ledger_periods_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ledger/periods/{month}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close */
        post: operations["close_api_ledger_periods__month__close_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ledger/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Settings */
        get: operations["get_settings_api_ledger_settings_get"];
        /** Put Settings */
        put: operations["put_settings_api_ledger_settings_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ledger/trial-balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Trial Balance */
        get: operations["trial_balance_api_ledger_trial_balance_get"];
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
        /** AccountChange */
        AccountChange: {
            /** Blocked */
            blocked?: boolean | null;
            /** Name */
            name?: string | null;
        };
        /** AccountIn */
        AccountIn: {
            /** Code */
            code: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "asset" | "liability" | "equity" | "income" | "expense";
            /** Name */
            name: string;
        };
        /** Allocation */
        Allocation: {
            /** Amount */
            amount: number | string;
            /** Item Id */
            item_id: string;
        };
        /** ArrangementIn */
        ArrangementIn: {
            /** Note */
            note?: string | null;
            /**
             * Until
             * @description No reminders until this day; null ends it
             */
            until: string | null;
        };
        /** BankLine */
        BankLine: {
            /** Amount */
            amount: string;
            /**
             * Booking Date
             * Format: date
             */
            booking_date: string;
            /** Counterparty Iban */
            counterparty_iban: string | null;
            /** Counterparty Name */
            counterparty_name: string | null;
            /** End To End Id */
            end_to_end_id: string | null;
            /** Id */
            id: string;
            /** Remittance */
            remittance: string | null;
            /** Structured Reference */
            structured_reference: string | null;
            /** Unallocated */
            unallocated: string;
        };
        /** BlockIn */
        BlockIn: {
            /** Reason */
            reason: string;
        };
        /** BlockOut */
        BlockOut: {
            /** By */
            by: string;
            /** Reason */
            reason: string;
            /** Relation Id */
            relation_id: string;
            /**
             * Since
             * Format: date-time
             */
            since: string;
        };
        /** Card */
        Card: {
            /** Account */
            account: string;
            /** Closing */
            closing: string;
            /** Lines */
            lines: components["schemas"]["CardLine"][];
            /** Name */
            name: string;
            /** Opening */
            opening: string;
            /**
             * Snapshot
             * @description The closed month (YYYY-MM) whose stored balance the opening starts from
             */
            snapshot: string | null;
        };
        /** CardLine */
        CardLine: {
            /** Balance */
            balance: string;
            /** Credit */
            credit: string;
            /**
             * Date
             * Format: date
             */
            date: string;
            /** Debit */
            debit: string;
            /** Description */
            description: string;
            /** Entry Id */
            entry_id: string;
            /** Number */
            number: number;
            /** Relation Id */
            relation_id: string | null;
        };
        /** ClaimLine */
        ClaimLine: {
            /**
             * Date
             * Format: date
             */
            date: string;
            /** Description */
            description: string;
            /** Item Id */
            item_id: string;
            /**
             * Open
             * @description Of the amount, what is still open on the item now
             */
            open: string;
            /**
             * Paid
             * @description Paid on the insurer's behalf
             */
            paid: string;
            /** Policy Number */
            policy_number: string | null;
            /**
             * Reference
             * @description The invoice, credit note or claim
             */
            reference: string;
            /**
             * Settled
             * @description What the settlement took off the item
             */
            settled: string | null;
        };
        /** ClosedPeriod */
        ClosedPeriod: {
            /** Closed At */
            closed_at: string;
            /** Closed By */
            closed_by: string;
            /** Month */
            month: string;
        };
        /** CollectionIn */
        CollectionIn: {
            /**
             * Collection Date
             * Format: date
             */
            collection_date: string;
            /**
             * Trial
             * @default false
             */
            trial: boolean;
        };
        /** CollectionSettings */
        "CollectionSettings-Input": {
            /**
             * Bic
             * @description That account's bank
             */
            bic: string;
            /**
             * Creditor Id
             * @description Incassant-ID
             */
            creditor_id: string;
            /**
             * Iban
             * @description The account collected into
             */
            iban: string;
            /**
             * Name
             * @description The creditor's name
             */
            name: string;
            /**
             * Return Cost
             * @description Charged to the relation for each collection the bank returns
             */
            return_cost?: number | string | null;
        };
        /** CollectionSettings */
        "CollectionSettings-Output": {
            /**
             * Bic
             * @description That account's bank
             */
            bic: string;
            /**
             * Creditor Id
             * @description Incassant-ID
             */
            creditor_id: string;
            /**
             * Iban
             * @description The account collected into
             */
            iban: string;
            /**
             * Name
             * @description The creditor's name
             */
            name: string;
            /**
             * Return Cost
             * @description Charged to the relation for each collection the bank returns
             */
            return_cost?: string | null;
        };
        /** EntryIn */
        EntryIn: {
            /** Description */
            description: string;
            /**
             * Entry Date
             * Format: date
             */
            entry_date: string;
            /** Lines */
            lines: components["schemas"]["LineIn"][];
        };
        /** EntryOut */
        EntryOut: {
            /** Created By */
            created_by: string;
            /** Description */
            description: string;
            /**
             * Entry Date
             * Format: date
             */
            entry_date: string;
            /** Event Id */
            event_id: string | null;
            /** Id */
            id: string;
            /** Lines */
            lines: components["schemas"]["LineOut"][];
            /** Number */
            number: number;
            /** Reverses */
            reverses: string | null;
            /** Source */
            source: string;
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** HistoryLine */
        HistoryLine: {
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** By */
            by: string;
            /** Change */
            change: string;
            /** Detail */
            detail: string | null;
        };
        /** Imported */
        Imported: {
            /** Auto Matched */
            auto_matched: number;
            /** Balance Difference */
            balance_difference: string | null;
            /**
             * Collections Credited
             * @description Batch credits of direct-debit runs matched to their run as a whole
             */
            collections_credited: number;
            /** Format */
            format: string;
            /** Id */
            id: string;
            /** Payments */
            payments: number;
            /** Receipts */
            receipts: number;
            /**
             * Returns
             * @description Direct debits returned by the bank, their items reopened
             */
            returns: number;
            /** Skipped */
            skipped: number;
            /** Statement Id */
            statement_id: string;
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
        /** LedgerItem */
        LedgerItem: {
            /** Amount */
            amount: string;
            /**
             * Arrangement Until
             * @description A payment arrangement holds its reminders back until then
             */
            arrangement_until?: string | null;
            /** Description */
            description: string;
            /**
             * Due Date
             * Format: date
             */
            due_date: string;
            /** Id */
            id: string;
            /**
             * Item Date
             * Format: date
             */
            item_date: string;
            /** Name */
            name: string;
            /** Policy Number */
            policy_number: string | null;
            /** Reference */
            reference: string;
            /** Relation Id */
            relation_id: string;
            /** Remaining */
            remaining: string;
            /**
             * Reminders
             * @description Reminders sent for it so far (3: final notice)
             * @default 0
             */
            reminders: number;
        };
        /** LedgerSettings */
        "LedgerSettings-Input": {
            /**
             * Auto Match
             * @default false
             */
            auto_match: boolean;
            /**
             * Write Off Tolerance
             * @default 1.00
             */
            write_off_tolerance: number | string;
        };
        /** LedgerSettings */
        "LedgerSettings-Output": {
            /**
             * Auto Match
             * @default false
             */
            auto_match: boolean;
            /**
             * Write Off Tolerance
             * @default 1.00
             */
            write_off_tolerance: string;
        };
        /** LineIn */
        LineIn: {
            /** Account */
            account: string;
            /**
             * Credit
             * @default 0.00
             */
            credit: number | string;
            /**
             * Debit
             * @default 0.00
             */
            debit: number | string;
            /** Description */
            description?: string | null;
            /** Relation Id */
            relation_id?: string | null;
        };
        /** LineOut */
        LineOut: {
            /** Account */
            account: string;
            /** Credit */
            credit: string;
            /** Debit */
            debit: string;
            /** Description */
            description: string | null;
            /** Item Id */
            item_id: string | null;
            /** Relation Id */
            relation_id: string | null;
        };
        /** MandateIn */
        MandateIn: {
            /**
             * Debtor Name
             * @description The relation's name if not given
             */
            debtor_name?: string | null;
            /** Iban */
            iban: string;
            /**
             * Kind
             * @default recurring
             * @enum {string}
             */
            kind: "recurring" | "one_off";
            /**
             * Reference
             * @description Unique within the tenant
             */
            reference: string;
            /** Relation Id */
            relation_id: string;
            /**
             * Signed On
             * Format: date
             */
            signed_on: string;
        };
        /** MandateOut */
        MandateOut: {
            /** Collections */
            collections: number;
            /** Debtor Name */
            debtor_name: string;
            /** History */
            history?: components["schemas"]["HistoryLine"][] | null;
            /** Iban */
            iban: string;
            /** Id */
            id: string;
            /** Kind */
            kind: string;
            /** Last Collected On */
            last_collected_on: string | null;
            /** Reference */
            reference: string;
            /** Relation Id */
            relation_id: string;
            /**
             * Signed On
             * Format: date
             */
            signed_on: string;
            /** Status */
            status: string;
        };
        /** MatchIn */
        MatchIn: {
            /** Allocations */
            allocations: components["schemas"]["Allocation"][];
            /**
             * Bank Line Id
             * @description The receipt (debtors) or payment (creditors)
             */
            bank_line_id: string;
            /**
             * Write Off
             * @description Write off a shortfall within the tenant's tolerance
             * @default false
             */
            write_off: boolean;
        };
        /** MatchListed */
        MatchListed: {
            /** Allocations */
            allocations: components["schemas"]["MatchedItem"][];
            /** Bank Amount */
            bank_amount: string;
            /** Bank Line Id */
            bank_line_id: string;
            /**
             * Booking Date
             * Format: date
             */
            booking_date: string;
            /** Counterparty Name */
            counterparty_name: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string;
            /** Id */
            id: string;
            /** Undone */
            undone: boolean;
            /** Undone At */
            undone_at: string | null;
            /** Undone By */
            undone_by: string | null;
            /** Write Off */
            write_off: string;
        };
        /** MatchOut */
        MatchOut: {
            /** Allocations */
            allocations: {
                [key: string]: string;
            }[];
            /** Bank Line Id */
            bank_line_id: string;
            /** Entry Id */
            entry_id: string;
            /** Id */
            id: string;
            /** Ledger */
            ledger: string;
            /** Unallocated */
            unallocated: string;
            /** Undone */
            undone: boolean;
            /** Write Off */
            write_off: string;
        };
        /** MatchedItem */
        MatchedItem: {
            /** Amount */
            amount: string;
            /** Item Id */
            item_id: string;
            /** Name */
            name: string;
            /** Reference */
            reference: string;
            /** Relation Id */
            relation_id: string;
        };
        /** OpenItem */
        OpenItem: {
            /** Amount */
            amount: string;
            /**
             * Arrangement Until
             * @description A payment arrangement holds its reminders back until then
             */
            arrangement_until?: string | null;
            /** Description */
            description: string;
            /**
             * Due Date
             * Format: date
             */
            due_date: string;
            /** Id */
            id: string;
            /**
             * Item Date
             * Format: date
             */
            item_date: string;
            /** Reference */
            reference: string;
            /** Remaining */
            remaining: string;
            /**
             * Reminders
             * @description Reminders sent for it so far (3: final notice)
             * @default 0
             */
            reminders: number;
        };
        /** Page[Account] */
        Page_Account_: {
            /** Items */
            items: components["schemas"]["ledger_service__accounts__Account"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[BankLine] */
        Page_BankLine_: {
            /** Items */
            items: components["schemas"]["BankLine"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[BlockOut] */
        Page_BlockOut_: {
            /** Items */
            items: components["schemas"]["BlockOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[EntryOut] */
        Page_EntryOut_: {
            /** Items */
            items: components["schemas"]["EntryOut"][];
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
        /** Page[LedgerItem] */
        Page_LedgerItem_: {
            /** Items */
            items: components["schemas"]["LedgerItem"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[MandateOut] */
        Page_MandateOut_: {
            /** Items */
            items: components["schemas"]["MandateOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[MatchListed] */
        Page_MatchListed_: {
            /** Items */
            items: components["schemas"]["MatchListed"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[ReceiptSuggestions] */
        Page_ReceiptSuggestions_: {
            /** Items */
            items: components["schemas"]["ReceiptSuggestions"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[RelationBalance] */
        Page_RelationBalance_: {
            /** Items */
            items: components["schemas"]["RelationBalance"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** PremiumLine */
        PremiumLine: {
            /**
             * Commission
             * @description Commission withheld
             */
            commission: string;
            /**
             * Date
             * Format: date
             */
            date: string;
            /**
             * Insurer Share
             * @description Premium less commission
             */
            insurer_share: string;
            /** Item Id */
            item_id: string;
            /**
             * Open
             * @description Of the amount, what is still open on the item now
             */
            open: string;
            /** Policy Number */
            policy_number: string | null;
            /**
             * Premium
             * @description Net premium: before tax, commission included
             */
            premium: string;
            /**
             * Reference
             * @description The invoice, credit note or claim
             */
            reference: string;
            /**
             * Settled
             * @description What the settlement took off the item
             */
            settled: string | null;
        };
        /** ReceiptSuggestions */
        ReceiptSuggestions: {
            receipt: components["schemas"]["BankLine"];
            /** Suggestions */
            suggestions: components["schemas"]["SuggestionOut"][];
        };
        /** RelationBalance */
        RelationBalance: {
            /** Balance */
            balance: string;
            /** Name */
            name: string;
            /** Open Items */
            open_items: number;
            /** Relation Id */
            relation_id: string;
        };
        /** ReminderLine */
        ReminderLine: {
            /** Amount */
            amount: string;
            /**
             * Document
             * @description Where the reminder's PDF is
             */
            document: string;
            /** Id */
            id: string;
            /** Item Id */
            item_id: string;
            /** Level */
            level: number;
            /** Reference */
            reference: string;
            /**
             * Sent On
             * Format: date
             */
            sent_on: string;
            /** Text */
            text: string;
        };
        /** ReminderRunIn */
        ReminderRunIn: {
            /**
             * Trial
             * @default false
             */
            trial: boolean;
        };
        /** ReminderSettings */
        ReminderSettings: {
            /**
             * Final After
             * @description Days after the second, for the final notice
             * @default 14
             */
            final_after: number;
            /**
             * Final Text
             * @default Aanmaning: {reference} ({amount}) is nog steeds niet betaald. Betaal binnen 7 dagen, anders kan de dekking worden geschorst en dragen wij de vordering over.
             */
            final_text: string;
            /**
             * First After
             * @description Days past due before the first reminder
             * @default 14
             */
            first_after: number;
            /**
             * First Text
             * @default Wij hebben uw betaling van {reference} nog niet ontvangen. Wilt u {amount} binnen 14 dagen overmaken?
             */
            first_text: string;
            /**
             * Second After
             * @description Days after the first, for the second
             * @default 14
             */
            second_after: number;
            /**
             * Second Text
             * @default Ondanks onze herinnering staat {reference} nog open. Wilt u {amount} binnen 7 dagen betalen?
             */
            second_text: string;
        };
        /** ReverseIn */
        ReverseIn: {
            /**
             * Entry Date
             * @description Defaults to the original's date
             */
            entry_date?: string | null;
        };
        /** RevokeIn */
        RevokeIn: {
            /** Reason */
            reason: string;
        };
        /** SettleIn */
        SettleIn: {
            /**
             * From
             * Format: date
             */
            from: string;
            /**
             * To
             * Format: date
             */
            to: string;
        };
        /** Settled */
        Settled: {
            /**
             * Entry Date
             * Format: date
             */
            entry_date: string;
            /** Entry Id */
            entry_id: string;
            /** Entry Number */
            entry_number: number;
            /** Id */
            id: string;
            /**
             * Item Id
             * @description The open item of the amount due (none when 0)
             */
            item_id: string | null;
            /**
             * Settled At
             * Format: date-time
             */
            settled_at: string;
            /** Settled By */
            settled_by: string;
        };
        /** Statement */
        Statement: {
            /**
             * Already Paid
             * @description Paid to the insurer on these items before settling
             */
            already_paid: string;
            /**
             * Amount Due
             * @description Insurer share less claims paid less already paid; negative: the insurer owes
             */
            amount_due: string;
            /** Claims */
            claims: components["schemas"]["ClaimLine"][];
            /** Claims Paid */
            claims_paid: string;
            /** Commission */
            commission: string;
            /**
             * Currency
             * @default EUR
             */
            currency: string;
            /**
             * From
             * Format: date
             */
            from: string;
            /** Insurer Share */
            insurer_share: string;
            /** Name */
            name: string;
            /**
             * Premium
             * @description Premiums invoiced in the period (net of tax)
             */
            premium: string;
            /** Premiums */
            premiums: components["schemas"]["PremiumLine"][];
            /** Relation Id */
            relation_id: string;
            settlement: components["schemas"]["Settled"] | null;
            /**
             * To
             * Format: date
             */
            to: string;
        };
        /** StatementLine */
        StatementLine: {
            /** Amount */
            amount: string;
            /** Balance */
            balance: string;
            /**
             * Date
             * Format: date
             */
            date: string;
            /** Description */
            description: string;
            /** Number */
            number: number;
        };
        /** SuggestionOut */
        SuggestionOut: {
            /**
             * Allocations
             * @description item_id, amount, and the item's reference (its invoice number)
             */
            allocations: {
                [key: string]: string;
            }[];
            /**
             * Name
             * @description The relation's name as the ledger knows it
             */
            name: string;
            /** Rank */
            rank: number;
            /** Reasons */
            reasons: string[];
            /** Relation Id */
            relation_id: string;
            /** Total */
            total: string;
        };
        /** TrialBalance */
        TrialBalance: {
            /** Accounts */
            accounts: components["schemas"]["TrialBalanceLine"][];
            /** Balanced */
            balanced: boolean;
            /**
             * Date
             * Format: date
             */
            date: string;
            /**
             * Snapshot
             * @description The closed month (YYYY-MM) whose stored balances this starts from
             */
            snapshot: string | null;
            /** Total Credit */
            total_credit: string;
            /** Total Debit */
            total_debit: string;
        };
        /** TrialBalanceLine */
        TrialBalanceLine: {
            /** Balance */
            balance: string;
            /** Code */
            code: string;
            /** Credit */
            credit: string;
            /** Debit */
            debit: string;
            /** Kind */
            kind: string;
            /** Name */
            name: string;
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
        /** Account */
        ledger_service__accounts__Account: {
            /** Blocked */
            blocked: boolean;
            /** Code */
            code: string;
            /** Kind */
            kind: string;
            /** Name */
            name: string;
        };
        /** Account */
        ledger_service__current_accounts__Account: {
            /** Ageing */
            ageing: {
                [key: string]: string;
            };
            /** Balance */
            balance: string;
            /** Name */
            name: string;
            /** Open Items */
            open_items: components["schemas"]["OpenItem"][];
            /** Relation Id */
            relation_id: string;
            /**
             * Reminders
             * @description The reminders sent, newest first
             */
            reminders?: components["schemas"]["ReminderLine"][];
            /** Statement */
            statement: components["schemas"]["StatementLine"][];
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
    creditor_balances_api_creditors_get: {
        parameters: {
            query?: {
                /** @description Part of the relation's name */
                name?: string | null;
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
                    "application/json": components["schemas"]["Page_RelationBalance_"];
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
    payment_matches_api_creditors_matches_get: {
        parameters: {
            query?: {
                /** @description Only the matches of this bank line */
                bank_line_id?: string | null;
                /** @description true: only undone matches; false: only those in force */
                undone?: boolean | null;
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
                    "application/json": components["schemas"]["Page_MatchListed_"];
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
    match_payment_api_creditors_matches_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MatchIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MatchOut"];
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
    undo_payment_match_api_creditors_matches__match_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                match_id: string;
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
    creditor_open_items_api_creditors_open_items_get: {
        parameters: {
            query?: {
                /** @description Only this relation's */
                relation_id?: string | null;
                /** @description An invoice or policy number (whole), or part of the relation's name */
                search?: string | null;
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
                    "application/json": components["schemas"]["Page_LedgerItem_"];
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
    list_payments_api_creditors_payments_get: {
        parameters: {
            query?: {
                /** @description Only those with an unallocated amount */
                unmatched?: boolean;
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
                    "application/json": components["schemas"]["Page_BankLine_"];
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
    creditor_account_api_creditors__relation_id__get: {
        parameters: {
            query?: {
                date?: string | null;
            };
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
                    "application/json": components["schemas"]["ledger_service__current_accounts__Account"];
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
    settlement_statement_api_creditors__relation_id__settlement_get: {
        parameters: {
            query: {
                from: string;
                to: string;
            };
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
                    "application/json": components["schemas"]["Statement"];
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
    settle_period_api_creditors__relation_id__settlement_post: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string | null;
            };
            path: {
                relation_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SettleIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Statement"];
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
    debtor_balances_api_debtors_get: {
        parameters: {
            query?: {
                /** @description Part of the relation's name */
                name?: string | null;
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
                    "application/json": components["schemas"]["Page_RelationBalance_"];
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
    list_blocks_api_debtors_collection_blocks_get: {
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
                    "application/json": components["schemas"]["Page_BlockOut_"];
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
    get_block_api_debtors_collection_blocks__relation_id__get: {
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
                    "application/json": components["schemas"]["BlockOut"];
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
    put_block_api_debtors_collection_blocks__relation_id__put: {
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
                "application/json": components["schemas"]["BlockIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockOut"];
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
    lift_block_api_debtors_collection_blocks__relation_id__delete: {
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
    get_collection_settings_api_debtors_collection_settings_get: {
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
                    "application/json": components["schemas"]["CollectionSettings-Output"];
                };
            };
        };
    };
    put_collection_settings_api_debtors_collection_settings_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CollectionSettings-Input"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CollectionSettings-Output"];
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
    collection_runs_api_debtors_collections_get: {
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
    start_collection_run_api_debtors_collections_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CollectionIn"];
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
    collection_run_api_debtors_collections__run_id__get: {
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
    collection_file_api_debtors_collections__run_id__file_get: {
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
            /** @description The pain.008 file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": unknown;
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
    item_document_api_debtors_items__item_id__document_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The premium invoice or credit note, at the policy's */
            303: {
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
    list_mandates_api_debtors_mandates_get: {
        parameters: {
            query?: {
                relation_id?: string | null;
                status?: ("active" | "revoked" | "expired") | null;
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
                    "application/json": components["schemas"]["Page_MandateOut_"];
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
    create_mandate_api_debtors_mandates_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MandateIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MandateOut"];
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
    get_mandate_api_debtors_mandates__mandate_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                mandate_id: string;
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
                    "application/json": components["schemas"]["MandateOut"];
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
    revoke_mandate_api_debtors_mandates__mandate_id__revoke_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                mandate_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RevokeIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MandateOut"];
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
    receipt_matches_api_debtors_matches_get: {
        parameters: {
            query?: {
                /** @description Only the matches of this bank line */
                bank_line_id?: string | null;
                /** @description true: only undone matches; false: only those in force */
                undone?: boolean | null;
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
                    "application/json": components["schemas"]["Page_MatchListed_"];
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
    match_receipt_api_debtors_matches_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MatchIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MatchOut"];
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
    undo_receipt_match_api_debtors_matches__match_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                match_id: string;
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
    debtor_open_items_api_debtors_open_items_get: {
        parameters: {
            query?: {
                /** @description Only this relation's */
                relation_id?: string | null;
                /** @description An invoice or policy number (whole), or part of the relation's name */
                search?: string | null;
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
                    "application/json": components["schemas"]["Page_LedgerItem_"];
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
    set_arrangement_api_debtors_open_items__item_id__arrangement_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                item_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ArrangementIn"];
            };
        };
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
    list_receipts_api_debtors_receipts_get: {
        parameters: {
            query?: {
                /** @description Only those with an unallocated amount */
                unmatched?: boolean;
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
                    "application/json": components["schemas"]["Page_BankLine_"];
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
    unmatched_with_suggestions_api_debtors_receipts_suggestions_get: {
        parameters: {
            query?: {
                /** @description Only the receipts of this bank statement */
                statement_id?: string | null;
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
                    "application/json": components["schemas"]["Page_ReceiptSuggestions_"];
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
    suggestions_api_debtors_receipts__receipt_id__suggestions_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                receipt_id: string;
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
                    "application/json": components["schemas"]["SuggestionOut"][];
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
    accept_suggestion_api_debtors_receipts__receipt_id__suggestions__rank__accept_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                receipt_id: string;
                rank: number;
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
                    "application/json": components["schemas"]["MatchOut"];
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
    reminder_runs_api_debtors_reminder_runs_get: {
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
    start_reminder_run_api_debtors_reminder_runs_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReminderRunIn"];
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
    reminder_run_api_debtors_reminder_runs__run_id__get: {
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
    get_reminder_settings_api_debtors_reminder_settings_get: {
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
                    "application/json": components["schemas"]["ReminderSettings"];
                };
            };
        };
    };
    put_reminder_settings_api_debtors_reminder_settings_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReminderSettings"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReminderSettings"];
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
    reminder_document_api_debtors_reminders__reminder_id__document_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                reminder_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reminder */
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
    debtor_account_api_debtors__relation_id__get: {
        parameters: {
            query?: {
                date?: string | null;
            };
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
                    "application/json": components["schemas"]["ledger_service__current_accounts__Account"];
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
    list_accounts_api_ledger_accounts_get: {
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
                    "application/json": components["schemas"]["Page_Account_"];
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
    add_account_api_ledger_accounts_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccountIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ledger_service__accounts__Account"];
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
    delete_account_api_ledger_accounts__code__delete: {
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
    change_account_api_ledger_accounts__code__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccountChange"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ledger_service__accounts__Account"];
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
    card_api_ledger_accounts__code__card_get: {
        parameters: {
            query?: {
                from?: string | null;
                to?: string | null;
            };
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
                    "application/json": components["schemas"]["Card"];
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
    import_statement_api_ledger_bank_statements_post: {
        parameters: {
            query?: {
                /** @description A file whose balances disagree with its lines: refuse it or warn */
                balance_check?: "refuse" | "warn";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/xml": string;
                "text/csv": string;
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Imported"];
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
    list_entries_api_ledger_journal_entries_get: {
        parameters: {
            query?: {
                account?: string | null;
                source?: string | null;
                from?: string | null;
                to?: string | null;
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
                    "application/json": components["schemas"]["Page_EntryOut_"];
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
    enter_api_ledger_journal_entries_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EntryIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryOut"];
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
    get_entry_api_ledger_journal_entries__entry_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entry_id: string;
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
                    "application/json": components["schemas"]["EntryOut"];
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
    reverse_api_ledger_journal_entries__entry_id__reverse_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entry_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ReverseIn"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryOut"];
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
    closed_api_ledger_periods_get: {
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
                    "application/json": components["schemas"]["ClosedPeriod"][];
                };
            };
        };
    };
    close_api_ledger_periods__month__close_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description YYYY-MM */
                month: string;
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
                    "application/json": components["schemas"]["ClosedPeriod"];
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
    get_settings_api_ledger_settings_get: {
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
                    "application/json": components["schemas"]["LedgerSettings-Output"];
                };
            };
        };
    };
    put_settings_api_ledger_settings_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LedgerSettings-Input"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerSettings-Output"];
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
    trial_balance_api_ledger_trial_balance_get: {
        parameters: {
            query?: {
                date?: string | null;
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
                    "application/json": components["schemas"]["TrialBalance"];
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
