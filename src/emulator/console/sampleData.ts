/**
 * Deterministic sample records: the same instance (element and id) always starts with the same
 * records, so tests and screenshots can rely on them; another instance gets other ones.
 */
import { fnv1a as hash } from '../base/hash';
import type { FieldSpec, ResourceSpec, SampleList } from './hubModel';

export type HubRecord = Record<string, unknown>;

/** mulberry32: small, fast, good enough for sample data. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS: Readonly<Record<SampleList, readonly string[]>> = {
  company: ['Acme Ltd', 'Globex', 'Initech', 'Umbrella Corp', 'Stark Industries', 'Wayne Enterprises', 'Hooli', 'Vandelay Industries', 'Soylent Co', 'Tyrell Corp', 'Wonka Industries', 'Cyberdyne'],
  firstName: ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Edsger', 'Radia', 'Tim'],
  lastName: ['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie', 'Allen', 'Dijkstra', 'Perlman', 'Berners-Lee'],
  fullName: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Margaret Hamilton', 'Barbara Liskov', 'Dennis Ritchie', 'Frances Allen', 'Radia Perlman'],
  word: ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliett', 'kilo', 'lima'],
  title: ['Quarterly review', 'Office supplies', 'Consulting services', 'Annual plan', 'Onboarding', 'Support renewal', 'Hardware order', 'Travel expenses'],
  code: ['A', 'B', 'C', 'D', 'E', 'F'],
  fileName: ['report.pdf', 'notes.txt', 'logo.png', 'budget.pdf', 'readme.txt', 'diagram.png'],
  reference: ['1001'],
};

const EPOCH = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;

/** How many records an instance's resource starts with: 25 to 60, so list answers have more than one page of 20. */
export function initialCount(seedText: string): number {
  return 25 + (hash(`${seedText}#count`) % 36);
}

export function sampleRecords(spec: ResourceSpec, seedText: string): HubRecord[] {
  const random = generator(hash(`${seedText}#${spec.name}`));
  const count = initialCount(`${seedText}#${spec.name}`);
  return Array.from({ length: count }, (_, i) => sampleRecord(spec, i + 1, random));
}

export function recordId(sequence: number): string {
  return String(1000 + sequence);
}

export function timestamp(sequence: number): string {
  return new Date(EPOCH + sequence * 3_600_000).toISOString();
}

function sampleRecord(spec: ResourceSpec, sequence: number, random: () => number): HubRecord {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const entries: Array<[string, unknown]> = [['id', recordId(sequence)]];
  let name: string | undefined;
  for (const field of spec.fields) {
    const value = sampleValue(field, sequence, random, pick, name);
    if (typeof value === 'string' && (field.sample === 'company' || field.sample === 'fullName' || field.name === 'name')) name = value;
    entries.push([field.name, value]);
  }
  entries.push(['createdDate', timestamp(sequence)], ['modifiedDate', timestamp(sequence)]);
  return Object.fromEntries(entries);
}

function sampleValue(field: FieldSpec, sequence: number, random: () => number, pick: <T>(list: readonly T[]) => T, name: string | undefined): unknown {
  if (field.values) return pick(field.values);
  switch (field.kind) {
    case 'email':
      return `${(name ?? pick(WORDS.firstName)).toLowerCase().replace(/[^a-z]+/g, '.')}.${sequence}@example.com`;
    case 'phone':
      return `+1 555 ${String(1000 + Math.floor(random() * 9000))}`;
    case 'url':
      return `https://example.com/${sequence}`;
    case 'date':
      return new Date(EPOCH + Math.floor(random() * 365) * DAY_MS).toISOString().slice(0, 10);
    case 'date-time':
      return new Date(EPOCH + Math.floor(random() * 365 * 24) * 3_600_000).toISOString();
    case 'number':
      return Math.round(random() * 1_000_000) / 100;
    case 'integer':
      return Math.floor(random() * 1000);
    case 'boolean':
      return random() < 0.8;
    case 'address':
      return { street: `${sequence} Main Street`, city: pick(['Denver', 'Wellington', 'London', 'Sydney']), postalCode: String(10000 + sequence), country: pick(['US', 'NZ', 'GB', 'AU']) };
    case 'string':
      return sampleText(field, sequence, random, pick);
  }
}

function sampleText(field: FieldSpec, sequence: number, random: () => number, pick: <T>(list: readonly T[]) => T): string {
  switch (field.sample) {
    case 'code':
      return `${pick(WORDS.code)}-${String(sequence).padStart(4, '0')}`;
    case 'reference':
      return recordId(1 + Math.floor(random() * 25));
    case 'company':
    case 'fullName':
      // Numbered past the list's length, so names stay unique enough to search for.
      return sequence <= WORDS[field.sample].length ? WORDS[field.sample][sequence - 1]! : `${pick(WORDS[field.sample])} ${sequence}`;
    case undefined:
      return `${field.name} ${sequence}`;
    default:
      return pick(WORDS[field.sample]);
  }
}
