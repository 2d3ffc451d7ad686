/**
 * Request paths: the segment validator, the template builder, the shape check
 * on a path that was tampered with after building, and the URL the client
 * would actually request.
 */
import { buildPath, pathSegmentProblem, pathShapeProblem, requestPath, templateProblem } from '../../dist/nodes/common/requestPath';

describe('pathSegmentProblem', () => {
	it.each([
		['', 'must not be empty'],
		['   ', 'must not be empty'],
		['.', 'must not be "." or ".."'],
		['..', 'must not be "." or ".."'],
		[' .. ', 'must not be "." or ".."'],
		['a/b', 'must not contain "/"'],
		['a\\b', 'must not contain a backslash'],
		['a?b', 'must not contain "?"'],
		['a#b', 'must not contain "#"'],
		['\u0000', 'must not contain control characters'],
		['a\u0000b', 'must not contain control characters'],
		['a\nb', 'must not contain control characters'],
		['a\u007fb', 'must not contain control characters'],
		['a\u0085b', 'must not contain control characters'],
		['\ud800', 'must be valid text'],
		['%2e', 'must not be "." or "..", also when %-encoded'],
		['%2e%2e', 'must not be "." or "..", also when %-encoded'],
		['%2E%2e', 'must not be "." or "..", also when %-encoded'],
		['.%2e', 'must not be "." or "..", also when %-encoded'],
		['%252e%252e', 'must not be "." or "..", also when %-encoded'],
		['%25252e', 'must not be "." or "..", also when %-encoded'],
		['%2f', 'must not contain "/", also when %-encoded'],
		['%2F', 'must not contain "/", also when %-encoded'],
		['..%2f', 'must not contain "/", also when %-encoded'],
		['a%5cb', 'must not contain a backslash, also when %-encoded'],
		['a%3fb', 'must not contain "?", also when %-encoded'],
		['a%23b', 'must not contain "#", also when %-encoded'],
		['a%00b', 'must not contain control characters, also when %-encoded'],
		['a%2500b', 'must not contain control characters, also when %-encoded'],
		['%20', 'must not be empty, also when %-encoded'],
	])('%j: %s', (value, problem) => {
		expect(pathSegmentProblem(value)).toBe(problem);
	});

	it.each(['ocQHyuzHvysMo5N5VsXc', 'ct_123', 'a.b', '...a', 'v1.2', 'José', '100%', '%zz', 'a b', "o'brien", 'a+b', 'é😀'])(
		'%j is one safe segment',
		(value) => {
			expect(pathSegmentProblem(value)).toBeUndefined();
		},
	);
});

describe('buildPath', () => {
	it('encodes each parameter as exactly one segment', () => {
		expect(buildPath('/contacts/{contactId}/notes/{id}', { contactId: 'c 1', id: 'n%1' })).toEqual({ path: '/contacts/c%201/notes/n%251' });
		expect(buildPath('/invoices/', {})).toEqual({ path: '/invoices/' });
		expect(buildPath('/locations/{locationId}', { locationId: 42 })).toEqual({ path: '/locations/42' });
	});

	it('refuses a missing or unsafe parameter, naming it', () => {
		expect(buildPath('/contacts/{contactId}', {})).toEqual({ refused: 'The path parameter "contactId" has no value', parameter: 'contactId' });
		expect(buildPath('/contacts/{contactId}/notes/{id}', { contactId: 'c1', id: '..' })).toEqual({
			refused: 'The path parameter "id" (value "..") must not be "." or ".."',
			parameter: 'id',
		});
		expect(buildPath('/contacts/{id}', { id: 'a\u0000' })).toEqual({
			refused: 'The path parameter "id" (value "a\\u0000") must not contain control characters',
			parameter: 'id',
		});
	});

	it('refuses a template whose literal part is not a plain path', () => {
		for (const template of ['https://evil.example/x', '//evil.example/x', '\\\\evil.example/x', '/a/../b', '/a/%2e%2e/b', '/a//b', '/a\\b', '/a/b?c']) {
			expect(buildPath(template)).toEqual({ refused: expect.stringContaining(template) });
		}
	});
});

describe('templateProblem', () => {
	it('allows a trailing slash and {name} segments, nothing else odd', () => {
		expect(templateProblem('/contacts/')).toBeUndefined();
		expect(templateProblem('/locations/{locationId}/tags')).toBeUndefined();
		expect(templateProblem('HTTP://x/y')).toMatch(/not a full URL/);
		expect(templateProblem('/contacts/.')).toMatch(/must not be "." or ".."/);
	});
});

describe('pathShapeProblem: a path tampered with after building is refused', () => {
	const template = '/contacts/{contactId}/notes/{id}';
	const { path: built } = buildPath(template, { contactId: 'c1', id: 'n1' }) as { path: string };

	it('accepts the path as built', () => {
		expect(built).toBe('/contacts/c1/notes/n1');
		expect(pathShapeProblem(template, built)).toBeUndefined();
	});

	it.each([
		['a segment removed (what ".." becomes after normalising)', '/contacts/c1/'],
		['a segment added', '/contacts/c1/notes/n1/x'],
		['a literal changed', '/contacts/c1/tasks/n1'],
		['a literal changed, encoded', '/contacts/c1/%6eotes2/n1'],
	])('%s', (_label, tampered) => {
		expect(pathShapeProblem(template, tampered)).toEqual({ problem: expect.any(String) });
	});

	it.each(['..', '.', '%2e%2e', '%252e', 'a%2Fb', 'a%5Cb', '%00', '%3F', '%23', ''])('a parameter replaced by %j, naming it', (value) => {
		expect(pathShapeProblem(template, `/contacts/c1/notes/${value}`)).toEqual({ problem: expect.any(String), parameter: 'id' });
	});

	it('compares literals as the server reads them (one round of decoding)', () => {
		expect(pathShapeProblem('/tags/a b', '/tags/a%20b')).toBeUndefined();
	});
});

describe('requestPath: the URL the client will request', () => {
	it('keeps the base URL path and the template shape', () => {
		expect(requestPath('https://api.17hats.com/v1', '/contacts/{id}', { id: 'ct_1' })).toEqual({ path: '/contacts/ct_1' });
		expect(requestPath('https://api.17hats.com/v1/', '/contacts/{id}/send', { id: 'a b' })).toEqual({ path: '/contacts/a%20b/send' });
		expect(requestPath('https://services.leadconnectorhq.com', '/invoices/')).toEqual({ path: '/invoices/' });
	});

	it.each([
		['a dot-segment parameter', '/contacts/{id}', { id: '..' }],
		['an encoded dot-segment parameter', '/contacts/{id}', { id: '%2e%2e' }],
		['a slash in a parameter', '/documents/{id}/send', { id: 'x/..' }],
		['a query in a parameter', '/contacts/{id}', { id: 'x?y=1' }],
	])('refuses %s, naming the parameter', (_label, template, params) => {
		expect(requestPath('https://api.17hats.com/v1', template, params)).toEqual({ refused: expect.any(String), parameter: 'id' });
	});

	it.each(['//evil.example/x', 'https://evil.example/x', '/x/../../y', '/x/%2e%2e/y'])('refuses the literal path %j', (template) => {
		expect(requestPath('https://api.17hats.com/v1', template)).toEqual({ refused: expect.any(String) });
	});

	it('refuses an invalid base URL', () => {
		expect(requestPath('not a url', '/x')).toEqual({ refused: 'The base URL "not a url" is not a valid URL' });
	});
});
