/**
 * `npm run cost`: what one completed request costs on AWS at list prices (eu-west-1), counted
 * on the local stack. Runs two natural stories (signed electronically, and by hand with the
 * broker's review) and one company story (bench/cost/cost-stories.ts), counts
 * what AWS bills for each (bench/cost/usage-meters.ts), prices it with the one price table
 * (bench/cost/price-table.ts) and prints each line, the total and the issue's goal.
 * Writes the same as JSON to `.local/cost.json`.
 *
 *   npm run cost                # the bills and the goals
 *   npm run cost -- --writes    # and, per story, every DynamoDB write with its item's size and units
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startTestStack } from '../test/integration/support/test-stack.js';
import { billOf, type BillLine, type StoryUsage } from './cost/bill.js';
import { COST_STORIES, type CostStoryName } from './cost/cost-stories.js';
import { PRICE_TABLE } from './cost/price-table.js';
import { capturingOutput, meterStory } from './cost/usage-meters.js';

/** Issue 11's goals per completed request. */
export const COST_GOALS: Readonly<Record<CostStoryName, { readonly dollars: number; readonly transitions: number }>> = {
  natural: { dollars: 0.0007, transitions: 11 },
  'natural-scan': { dollars: 0.0007, transitions: 11 },
  company: { dollars: 0.00095, transitions: 15 },
};

export interface StoryCost {
  readonly story: CostStoryName;
  readonly title: string;
  readonly requestId: string;
  readonly usage: StoryUsage;
  readonly lines: readonly BillLine[];
  readonly total: number;
}

/** Runs every cost story on one fresh local stack (metered through its proxies) and prices each. */
export async function measureCosts(onProgress: (line: string) => void = () => undefined): Promise<StoryCost[]> {
  // The functions log at INFO on AWS (infra/constructs/product-function.ts); the local default is WARN.
  const logLevel = process.env.POWERTOOLS_LOG_LEVEL;
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  onProgress('starting the local stack (with its wire proxies, which the meters ride on)');
  const stack = await startTestStack({ faultProxies: true });
  try {
    // Warm first: at a million requests a day nearly every invocation finds its function warm,
    // so each story runs once unmetered, and its second run is the one priced.
    for (const story of COST_STORIES) {
      onProgress(`warming up with the ${story.name} story`);
      await capturingOutput(() => story.run(stack));
    }
    const costs: StoryCost[] = [];
    for (const story of COST_STORIES) {
      onProgress(`running the ${story.name} story: ${story.title}`);
      const { requestId, usage } = await meterStory(stack, (s) => story.run(s));
      costs.push({ story: story.name, title: story.title, requestId, usage, ...billOf(usage) });
    }
    return costs;
  } finally {
    await stack.stop();
    await rm(stack.dataDir, { recursive: true, force: true });
    if (logLevel === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
    else process.env.POWERTOOLS_LOG_LEVEL = logLevel;
  }
}

const dollars = (value: number): string => `$${value.toFixed(value < 0.00001 ? 8 : 6)}`;

/** Every DynamoDB write of one story, in order, as billed: where its write units come from. */
export function writesReport(cost: StoryCost): string {
  const out = [`${cost.story}: ${cost.usage.dynamodb.writes.length} writes, ${cost.usage.dynamodb.writeUnits} write units`];
  out.push(`  ${'call'.padEnd(18)} ${'write'.padEnd(6)} ${'item'.padEnd(44)} ${'bytes before → after'.padStart(20)} ${'units'.padStart(5)}  index units`);
  for (const write of cost.usage.dynamodb.writes) {
    const indexes = Object.entries(write.indexUnits).filter(([, units]) => units > 0).map(([name, units]) => `${name} ${units}`).join(', ');
    out.push(`  ${write.operation.padEnd(18)} ${write.write.padEnd(6)} ${write.item.slice(0, 44).padEnd(44)} ${`${write.bytesBefore} → ${write.bytesAfter}`.padStart(20)} ${String(write.units).padStart(5)}  ${indexes}`);
  }
  return out.join('\n');
}

/** The printed report: one table per story, then the totals beside the goals. */
export function costReport(costs: readonly StoryCost[]): string {
  const out: string[] = [`Prices: ${PRICE_TABLE.region}, list prices, no free tier (bench/cost/price-table.ts)`];
  for (const cost of costs) {
    out.push('', `${cost.story}: ${cost.title} (${cost.requestId})`);
    for (const line of cost.lines) {
      const quantity = Number.isInteger(line.quantity) ? String(line.quantity) : line.quantity.toFixed(3);
      out.push(`  ${line.service.padEnd(28)} ${`${quantity} ${line.unit}`.padStart(22)}  ${dollars(line.dollars).padStart(12)}`);
    }
    out.push(`  ${'total'.padEnd(28)} ${''.padStart(22)}  ${dollars(cost.total).padStart(12)}`);
    out.push(`  states entered: ${cost.usage.statesEntered.join(' → ')}`);
  }
  out.push('', `${'per completed request'.padEnd(30)} ${'transitions'.padStart(12)} ${'goal'.padStart(6)} ${'cost'.padStart(12)} ${'goal'.padStart(10)}`);
  for (const cost of costs) {
    const goal = COST_GOALS[cost.story];
    const verdict = cost.total <= goal.dollars && cost.usage.transitions <= goal.transitions ? 'met' : 'NOT MET';
    out.push(`${cost.story.padEnd(30)} ${String(cost.usage.transitions).padStart(12)} ${`≤ ${goal.transitions}`.padStart(6)} ${dollars(cost.total).padStart(12)} ${`≤ $${goal.dollars}`.padStart(10)}  ${verdict}`);
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const costs = await measureCosts((line) => console.error(`… ${line}`));
  console.log(costReport(costs));
  if (process.argv.includes('--writes')) for (const cost of costs) console.log(`\n${writesReport(cost)}`);
  const file = path.join('.local', 'cost.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ prices: PRICE_TABLE, goals: COST_GOALS, costs }, null, 2)}\n`);
  console.log(`\n(written to ${file})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
