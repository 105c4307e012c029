import { acknowledgementsUnder } from '../cdk/acknowledgements.ts';
import { buildApp } from '../cdk/build-app.ts';

const { app } = buildApp({ context: { 'aws:cdk:bundling-stacks': [] } });
const acknowledgements = acknowledgementsUnder(app);
console.log(`${acknowledgements.length} cdk-nag acknowledgements\n`);
console.log('| construct | finding | reason |\n|---|---|---|');
for (const { path, id, reason } of acknowledgements) console.log(`| ${path} | ${id} | ${reason} |`);
