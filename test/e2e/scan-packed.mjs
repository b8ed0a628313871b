// The lint stage of n8n's verification scanner (@n8n/scan-community-package), run locally: on the packed
// tarball (what npm would publish) and on the source files the scanner reads from the provenance checkout.
// Exits 1 with the scanner's own report when either fails. Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fapiao-scan-'));
try {
	const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', workDir], {
		cwd: repoRoot,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	execFileSync('tar', ['-xzf', path.join(workDir, packed), '-C', workDir]);
	const checks = [
		['packed tarball', await analyzePackage(path.join(workDir, 'package'))],
		['source (nodes, credentials, package.json)', await analyzePackage(repoRoot, SOURCE_FILE_PATTERNS)],
	];
	let failed = 0;
	for (const [what, result] of checks) {
		if (result.passed) {
			console.log(`scanner lint stage passed: ${what}`);
		} else {
			failed++;
			console.log(`scanner lint stage FAILED: ${what}: ${result.message}\n${result.details ?? ''}`);
		}
	}
	process.exitCode = failed ? 1 : 0;
} finally {
	fs.rmSync(workDir, { recursive: true, force: true });
}
