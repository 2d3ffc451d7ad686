import { redactText, redactValue, secretForms } from '../../nodes/common/redact';

const SECRET = 'tok+en/with=chars-0123456789';

describe('every form of a secret is redacted', () => {
	it.each([
		['as is, in another case', SECRET.toUpperCase()],
		['URL-encoded', encodeURIComponent(SECRET)],
		['URL-encoded twice', encodeURIComponent(encodeURIComponent(SECRET))],
		['base64', Buffer.from(SECRET).toString('base64')],
		['base64url', Buffer.from(SECRET).toString('base64url')],
		['Basic auth without the prefix', Buffer.from(`user:${SECRET}`).toString('base64')],
		['base64 at the third alignment', Buffer.from(`ab:${SECRET}`).toString('base64')],
	])('%s', (_, form) => {
		const out = redactText(`before ${form} after`, [SECRET]);
		// What survives beside the mark: a user name and the secret's edge bytes sharing a base64 group.
		const [head, tail] = out.slice('before '.length, -' after'.length).split('[redacted]');
		expect(tail).toBeDefined();
		expect(head.length).toBeLessThanOrEqual(12);
		expect(tail.length).toBeLessThanOrEqual(4);
	});

	it('redacts a Basic authorization value even for an unknown secret, but not the word "basic"', () => {
		expect(redactText('Authorization: Basic dXNlcjpzb21ldGhpbmc=')).toBe('Authorization: Basic [redacted]');
		expect(redactText('Basic information is missing; basic package')).toBe('Basic information is missing; basic package');
	});

	it('ignores values too short to be secrets, so harmless text stays', () => {
		expect(secretForms('abc')).toEqual([]);
		expect(redactText('abc abc', ['abc'])).toBe('abc abc');
	});

	it('keeps the message and cause of an Error inside a value', () => {
		const value = redactValue({ cause: new Error(`bad ${SECRET}`, { cause: new Error(SECRET.toLowerCase()) }) }, [SECRET]);
		expect(value).toEqual({ cause: { name: 'Error', message: 'bad [redacted]', cause: { name: 'Error', message: '[redacted]' } } });
	});
});
