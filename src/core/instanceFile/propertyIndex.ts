/**
 * Each object's properties by name, as JSON.parse sees them: a repeated name counts once, where
 * it first appears, with its last value. A small object is searched; a large one has a table of
 * its names, made while it is parsed (it finds the repeated keys) and kept for the rules' lookups.
 * The table is two typed arrays, not a Map: a large file adds every key of its largest object to it.
 */
import type { ObjectNode, PropertyNode } from './jsonNodes';

/** Per process, so no file can be written whose names all collide (and make the table quadratic). */
const SEED = (Math.random() * 0x7fffffff) | 1;

/** FNV-1a from the seed, then mixed (murmur3's finalizer) so the low bits, which pick the slot, depend on every bit. */
export function nameHash(name: string): number {
  let h = SEED;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The names of one object's properties: an open-addressing table of property indices, and each
 * property's hash (so neither growing nor a probe past other names reads their strings).
 */
export class NameTable {
  /** Per slot, 1 + the index of the first property with a name; 0: empty. */
  private slots: Int32Array;
  /** Per property index, the hash of its name. */
  private hashes: Int32Array;
  private names = 0;
  /** The first property index of each repeated name → its last property index. */
  private lastOf: Map<number, number> | undefined;

  constructor(private readonly properties: readonly PropertyNode[]) {
    const expected = Math.max(16, properties.length);
    this.slots = new Int32Array(2 ** Math.ceil(Math.log2(expected * 2)));
    this.hashes = new Int32Array(expected);
  }

  /** A table of the first `count` properties. */
  static of(properties: readonly PropertyNode[], count = properties.length): NameTable {
    const table = new NameTable(properties);
    for (let i = 0; i < count; i++) table.add(i);
    return table;
  }

  get size(): number {
    return this.names;
  }

  get hasRepeats(): boolean {
    return this.lastOf !== undefined;
  }

  /** Adds `properties[index]`; returns the index of the first property with its name, or -1 when it is new. */
  add(index: number): number {
    const name = this.properties[index]!.key.value;
    const h = nameHash(name);
    if (index >= this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[index] = h;
    const slot = this.find(name, h);
    const first = this.slots[slot]! - 1;
    if (first >= 0) {
      (this.lastOf ??= new Map()).set(first, index);
      return first;
    }
    this.slots[slot] = index + 1;
    if (++this.names * 2 > this.slots.length) this.grow();
    return -1;
  }

  /** The index of the first property named `name`, or -1. */
  firstIndexOf(name: string): number {
    return this.slots[this.find(name, nameHash(name))]! - 1;
  }

  /** The index of the last property named `name`, or -1. */
  lastIndexOf(name: string): number {
    const first = this.firstIndexOf(name);
    return first < 0 ? first : (this.lastOf?.get(first) ?? first);
  }

  /** The slot holding `name`, or the empty slot where it goes. */
  private find(name: string, h: number): number {
    const { slots, hashes, properties } = this;
    const mask = slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry === 0 || (hashes[entry - 1] === h && properties[entry - 1]!.key.value === name)) return slot;
    }
  }

  /** Twice the slots; the names are distinct, so each goes to the first empty slot from its hash. */
  private grow(): void {
    const old = this.slots;
    const slots = (this.slots = new Int32Array(old.length * 2));
    const mask = slots.length - 1;
    for (let i = 0; i < old.length; i++) {
      const entry = old[i]!;
      if (entry === 0) continue;
      let slot = this.hashes[entry - 1]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
  }
}

/** An object's properties by name (what the rules look up), over its table or, for a small object, its list. */
export class Properties implements Iterable<[string, PropertyNode]> {
  private distinct: readonly PropertyNode[] | undefined;

  constructor(
    private readonly object: ObjectNode,
    private readonly table: NameTable | undefined,
  ) {}

  /** The last property named `name`. */
  get(name: string): PropertyNode | undefined {
    const children = this.object.children;
    if (this.table) return children[this.table.lastIndexOf(name)];
    for (let i = children.length - 1; i >= 0; i--) if (children[i]!.key.value === name) return children[i];
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** How many names. */
  get size(): number {
    return this.unique().length;
  }

  /** Each name's last property, in the order the names first appear. */
  unique(): readonly PropertyNode[] {
    return (this.distinct ??= this.table ? this.fromTable(this.table) : this.fromList());
  }

  *[Symbol.iterator](): IterableIterator<[string, PropertyNode]> {
    for (const property of this.unique()) yield [property.key.value, property];
  }

  private fromTable(table: NameTable): readonly PropertyNode[] {
    const children = this.object.children;
    if (!table.hasRepeats) return children;
    const unique: PropertyNode[] = [];
    children.forEach((property, index) => {
      const name = property.key.value;
      if (table.firstIndexOf(name) === index) unique.push(children[table.lastIndexOf(name)]!);
    });
    return unique;
  }

  /** A small object's: comparing names is cheaper than a Map, and most objects repeat none. */
  private fromList(): readonly PropertyNode[] {
    const children = this.object.children;
    for (let i = 1; i < children.length; i++) {
      for (let j = 0; j < i; j++) {
        if (children[i]!.key.value === children[j]!.key.value) {
          const byName = new Map<string, PropertyNode>();
          for (const property of children) byName.set(property.key.value, property);
          return [...byName.values()];
        }
      }
    }
    return children;
  }
}

/** Each object's properties by name, as a parse's readers look them up. */
export interface PropertyLookup {
  of(object: ObjectNode): Properties;
}

/** Every object's `Properties`, made on first lookup (a large object's from the table its parse made). */
export class PropertyIndex implements PropertyLookup {
  private readonly views = new WeakMap<ObjectNode, Properties>();
  private readonly tables = new WeakMap<ObjectNode, NameTable>();

  of(object: ObjectNode): Properties {
    let view = this.views.get(object);
    if (!view) this.views.set(object, (view = new Properties(object, this.tables.get(object))));
    return view;
  }

  /** The parser's table of a large object, complete once the object is (only the parser adopts). */
  adopt(object: ObjectNode, table: NameTable): void {
    this.tables.set(object, table);
  }
}
