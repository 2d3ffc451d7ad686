/** Types for scripts/generated.js, the generators' shared write-or-check mechanism. */
export const ROOT: string;
export const CHECK: boolean;
export function ghlReferenceDir(): string | undefined;
export function requireGhlReference(label: string): string;
export function writeOrCheck(options: { label: string; command: string; outputs: Record<string, string>; ownedDirs?: string[] }): void;
