/**
 * Credentials carry a base URL so the sandbox can stand in for the real APIs.
 * A token must never travel in clear text, so only https is accepted, except
 * for loopback hosts (the sandbox on this machine).
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
	return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

export interface CheckedBaseUrl {
	/** The base URL without a trailing slash. */
	url: string;
	/** Why the URL is refused, when it is. */
	problem?: string;
}

export function checkBaseUrl(raw: unknown, fallback: string): CheckedBaseUrl {
	const text = (typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : fallback).replace(/\/+$/, '');
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return { url: text, problem: `The base URL "${text}" is not a valid URL` };
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
		return {
			url: text,
			problem: `The base URL "${url.origin}" must use https (plain http is only allowed for loopback addresses such as the local sandbox)`,
		};
	}
	return { url: text };
}
