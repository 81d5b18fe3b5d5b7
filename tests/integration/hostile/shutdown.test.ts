/**
 * Issue #11, defect 10: streams that ballast itself cut at the end of its SIGTERM drain
 * were recorded as client_gone, hiding them from the SLO.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../../src/router/ledger/ledger.js';
import { startStack } from '../helpers/stack.js';

describe('regression: streams cut at the end of the shutdown drain were recorded as client_gone', () => {
  it('a stream still running when the drain ends is ballast\'s own failure, eligible', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ballast-shutdown-')), 'ledger.db');
    const stack = await startStack({ config: { ledger: { path }, cache: { policy: 'off' } } });
    await fetch(`${stack.emulator.controlUrl}/providers/primary/settings`, { method: 'PATCH', body: JSON.stringify({ tokens_per_second: 5 }) });
    const res = await stack.chat({ stream: true }, { 'x-ballast-pin': 'primary' });
    const reader = res.body!.getReader();
    await reader.read(); // the stream has begun
    const id = res.headers.get('x-ballast-request-id');
    await stack.close(); // drains 500 ms, then cuts what is still open
    await reader.cancel().catch(() => undefined);
    const ledger = openLedger({ path });
    try {
      const row = ledger.listRequests({ limit: 10 }).data.find((r) => r.request_id === id);
      expect(row).toMatchObject({ outcome: 'internal_error', error_code: 'shutdown_cut', eligible: true });
    } finally {
      ledger.close();
    }
  });
});
