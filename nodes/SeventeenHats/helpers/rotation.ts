/** The key-rotation reminder shown as an execution hint on the 17hats node. */
export const ROTATION_WARNING_DAYS = 7;

/** A message when the credential's key is due for rotation within a week (or overdue), else undefined. */
export function rotationWarning(dueInDays: unknown): string | undefined {
	if (dueInDays === null || dueInDays === undefined || dueInDays === '') return undefined;
	const days = Number(dueInDays);
	if (!Number.isFinite(days) || days > ROTATION_WARNING_DAYS) return undefined;
	if (days < 0) return `The 17hats API key is ${-days} day(s) past its rotation date. Create a new key in 17hats and update the credential.`;
	if (days === 0) return 'The 17hats API key is due for rotation today. Create a new key in 17hats and update the credential.';
	return `The 17hats API key is due for rotation in ${days} day(s). Create a new key in 17hats and update the credential.`;
}
