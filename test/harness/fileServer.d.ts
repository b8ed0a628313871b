export function serveFiles(
	files: Record<string, { body: Buffer; contentType?: string }>,
): Promise<{ url: string; close: () => Promise<void> }>;
