-- An Idempotency-Key is chosen by the client and may carry anything (a client that keys its retries by the contact's
-- email address, say): like the request digest beside it (V65), it keeps no planner statistics (docs/adr/0017).
INSERT INTO personal_column (table_pattern, column_name, reason) VALUES
    ('^idempotency_key$', 'idempotency_key', 'chosen by the client: may hold a name or an address');

SELECT keepwarm_hide_personal_statistics();
