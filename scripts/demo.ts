import { runDemo } from '../local/demo.ts';

const apiUrl = process.env['API_URL'] ?? `http://127.0.0.1:${process.env['PORT'] ?? '3000'}`;
const clear = '\u001b[2J\u001b[H';

try {
  const deliveries = await runDemo({
    apiUrl,
    draw: (screen) => {
      process.stdout.write(`${process.stdout.isTTY ? clear : '\n'}${screen}\n`);
    },
    intervalMs: 1000,
    timeoutMs: 120_000,
  });
  const held = deliveries.filter((delivery) => delivery.status === 'ON_HOLD');
  console.log(`\nDone. ${String(held.length)} on hold for an operator: POST ${apiUrl}/deliveries/<id>/actions with Authorization: Bearer $OPERATOR_TOKEN.`);
} catch (error) {
  console.error(`The demo needs the local stack: run \`npm start\` first (looked for the API at ${apiUrl}).`, error instanceof Error ? error.message : error);
  process.exit(1);
}
