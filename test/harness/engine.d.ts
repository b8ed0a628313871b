// Types of the engine harness (engine.js) for TypeScript tests.
import type { INodeExecutionData, IRun } from 'n8n-workflow';

export interface InputFile {
	data: Buffer;
	fileName?: string;
	mimeType?: string;
	/** Emit a binary-store reference (`id`) instead of inline data. */
	storedId?: string;
}

export interface InputItem {
	json?: Record<string, unknown>;
	binary?: Record<string, InputFile>;
}

export interface NodeSpec {
	name?: string;
	type: string;
	parameters?: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	typeVersion?: number;
}

export interface RunResult {
	run: IRun;
	/** node name → outputs (0 = success, 1 = error output) → items. */
	outputs: Record<string, INodeExecutionData[][]>;
	/** Every request after the credential's authenticate: type, url, headers. */
	sent: Array<{ typeName: string; url: string; headers: Record<string, string> }>;
}

export function runWorkflow(options: {
	node?: NodeSpec;
	workflow?: { nodes: unknown[]; connections: unknown };
	items?: InputItem[];
	credentials?: Record<string, Record<string, unknown>>;
	/** Node types from outside the package (type → node instance), e.g. n8n's HTTP Request node. */
	extraNodeTypes?: Record<string, unknown>;
}): Promise<RunResult>;

export function testCredential(
	typeName: string,
	values: Record<string, unknown>,
): Promise<{ status: 'OK' | 'Error'; message: string }>;
