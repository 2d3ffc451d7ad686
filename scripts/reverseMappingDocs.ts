/** The "17hats → GHL" section of docs/mapping.md, from the reverse sync's rows (nodes/HatsToGhl). */
import { REVERSE_CONTACT_ROWS } from '../nodes/HatsToGhl/sync/contactMapping';

export function renderReverseSection(): string[] {
	const out: string[] = ['## 17hats → GHL (the 17hats to GHL Sync)', ''];
	out.push(
		'The reverse sync reads the same matrix backwards: each row above "17hats field ← GHL field" writes the 17hats field to that GHL field. ' +
			'Only rows with a plain value transform go back; the contact type (a status map) is one-way.',
		'',
		'| GHL contact field | ← 17hats field |',
		'| --- | --- |',
	);
	for (const row of REVERSE_CONTACT_ROWS) {
		const ghl = Array.isArray(row.source) ? 'address1, city, state, postalCode, country' : row.source;
		out.push(`| \`${ghl}\` | \`${row.field}\` |`);
	}
	out.push(
		'',
		'Contacts are found by the GHL id the 17hats contact holds (`external_id`, else `metadata.ghl_id`), else by email (POST /contacts/search), else created; ' +
			'the 17hats contact then gets `external_id` (when empty) and `metadata.ghl_id`. A signed contract (Signed Statuses) moves the contact\'s opportunity in the chosen ' +
			'pipeline to the chosen stage and status (created when missing; linked as `metadata.ghl_opportunity_id`) and adds the chosen tags the contact lacks. ' +
			'A paid invoice linked to a GHL invoice records, with POST /invoices/{id}/record-payment, 17hats `amount_paid` less GHL `amountPaid` (at most `amountDue`): ' +
			'a repeated or echoed item finds nothing left and records nothing, and the payment POST is never retried after a timeout.',
		'',
		'### No ping-pong: how an echo is recognised',
		'',
		'- **Content, compared through the one mapping.** Both sides are read fresh and compared in the matrix\'s 17hats terms (the GHL record through the forward mapping, ' +
			'the 17hats record through the same transforms) with the forward sync\'s equality rule (`sameValue`); tags compare case-insensitively (GHL lower-cases them). ' +
			'Only differing fields are written. What one direction wrote is therefore equal when it comes back as the other side\'s event, and is skipped: one GHL change ' +
			'costs one 17hats write and no GHL write; one 17hats change one GHL write and one 17hats write (the link and timestamp below), then both sides are quiet ' +
			'(test/sandbox/hatsToGhlSync.sandbox.test.ts counts the writes in the fakes\' request logs).',
		'- **Source timestamp.** After writing GHL, the reverse sync stores GHL\'s new update time in the 17hats record\'s `metadata.ghl_updated_at` (the forward sync\'s ' +
			'freshness marker). A GHL event older than that (sent before the 17hats change reached GHL) is skipped by the forward sync as `stale` instead of writing old values back.',
		'',
		'### Conflicts: the same field changed on both sides',
		'',
		'When a field differs and GHL has not changed since it was last synced (its update time is not after `metadata.ghl_updated_at`), the difference is a 17hats edit and 17hats wins. ' +
			'Otherwise the side whose record changed last wins, each by its own update time (17hats `updated_at`, GHL `dateUpdated`); a tie goes to GHL. ' +
			'The losing side is reported in the item\'s `conflicts` and left to the other direction (`reason: "ghl_newer"`).',
		'',
		'Limit: the GHL to 17hats Sync applies a GHL event unless it is older than `metadata.ghl_updated_at`; so when 17hats holds the newer edit but the GHL event is ' +
			'processed before the 17hats Trigger reports that edit, the GHL value is written to 17hats (newest-wins holds when the 17hats Trigger\'s item is processed first). ' +
			'Times are per record, not per field.',
		'',
	);
	return out;
}
