/**
 * What the platform writes for a poller url's placeholders at a poll (placeholders.ts lists them):
 * the last poll time, in GMT (`gmtDate`), in the zone of the server hosting Cloud Elements
 * (`date`; "Unless configured for a specific time zone, polling occurs in UTC": devportal
 * docs/elements/quickbooksonline/events.md L31) or in a given zone (`dateTimeZone`), formatted
 * as Java's SimpleDateFormat would (English names), or as an epoch in ms, s or µs.
 *
 * `${date}` without a format is left as it is: what the platform writes for it is not documented.
 */
import { datePatternProblem } from './dateFormat';
import { scanPlaceholders } from './placeholders';
import { isKnownTimeZone } from './timeZone';

/** java.time.ZoneId.SHORT_IDS: Java's three-letter ids, as the zone each stands for. */
const SHORT_IDS: Readonly<Record<string, string>> = {
  ACT: 'Australia/Darwin', AET: 'Australia/Sydney', AGT: 'America/Argentina/Buenos_Aires', ART: 'Africa/Cairo', AST: 'America/Anchorage',
  BET: 'America/Sao_Paulo', BST: 'Asia/Dhaka', CAT: 'Africa/Harare', CNT: 'America/St_Johns', CST: 'America/Chicago', CTT: 'Asia/Shanghai',
  EAT: 'Africa/Addis_Ababa', ECT: 'Europe/Paris', IET: 'America/Indiana/Indianapolis', IST: 'Asia/Kolkata', JST: 'Asia/Tokyo',
  MIT: 'Pacific/Apia', NET: 'Asia/Yerevan', NST: 'Pacific/Auckland', PLT: 'Asia/Karachi', PNT: 'America/Phoenix', PRT: 'America/Puerto_Rico',
  PST: 'America/Los_Angeles', SST: 'Pacific/Guadalcanal', VST: 'Asia/Ho_Chi_Minh',
  EST: '-05:00', MST: '-07:00', HST: '-10:00', GMT: '+00:00', UTC: '+00:00', UT: '+00:00', Z: '+00:00',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A zone resolved: a fixed offset in minutes, or a tz database name. */
type Zone = { offset: number; name?: undefined } | { name: string; offset?: undefined };

const FIXED = /^(?:GMT|UTC|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/;

function resolveZone(zone: string): Zone | undefined {
  const short = SHORT_IDS[zone] ?? zone;
  const fixed = FIXED.exec(short);
  if (fixed) return { offset: (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0)) };
  if (!isKnownTimeZone(short)) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: short });
    return { name: short };
  } catch {
    return undefined; // a name the tz database does not have
  }
}

/** The zone's offset from UTC at `at`, in minutes. */
function offsetAt(zone: Zone, at: Date): number {
  if (zone.name === undefined) return zone.offset;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone.name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

const pad = (value: number, width: number) => String(Math.abs(value)).padStart(width, '0');

function offsetText(minutes: number, style: 'X' | 'XX' | 'XXX' | 'Z'): string {
  if (minutes === 0 && style !== 'Z') return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const hours = pad(Math.trunc(Math.abs(minutes) / 60), 2);
  const rest = pad(Math.abs(minutes) % 60, 2);
  return style === 'X' ? `${sign}${hours}` : style === 'XXX' ? `${sign}${hours}:${rest}` : `${sign}${hours}${rest}`;
}

export type FormatResult = { ok: true; text: string } | { ok: false; message: string };

/**
 * `at` written with a SimpleDateFormat pattern in `zone` (any zone timeZone.ts accepts). The
 * week-based letters (Y, w, W, F) depend on a locale's week rules, and z on Java's names of
 * zones: those are refused.
 */
export function formatDate(pattern: string, at: Date, zone: string): FormatResult {
  const problem = datePatternProblem(pattern);
  if (problem) return { ok: false, message: `The format ${problem.message}` };
  const resolved = resolveZone(zone);
  if (!resolved) return { ok: false, message: `"${zone}" is not a time zone this can write` };
  if (!Number.isFinite(at.getTime())) return { ok: false, message: 'The time is not a valid date' };
  const offset = offsetAt(resolved, at);
  const local = new Date(at.getTime() + offset * 60000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  const day = local.getUTCDate();
  const hour = local.getUTCHours();
  const weekday = local.getUTCDay();
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const char = pattern[i]!;
    if (char === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let end = i + 1;
      for (;;) {
        const close = pattern.indexOf("'", end);
        if (pattern[close + 1] === "'") {
          out += pattern.slice(end, close) + "'";
          end = close + 2;
        } else {
          out += pattern.slice(end, close);
          i = close + 1;
          break;
        }
      }
      continue;
    }
    if (!/[A-Za-z]/.test(char)) {
      out += char;
      i++;
      continue;
    }
    let run = i + 1;
    while (pattern[run] === char) run++;
    const count = run - i;
    i = run;
    switch (char) {
      case 'G': out += year > 0 ? 'AD' : 'BC'; break;
      case 'y': out += count === 2 ? pad(year % 100, 2) : pad(year, count); break;
      case 'M':
      case 'L': out += count >= 4 ? MONTHS[month]! : count === 3 ? MONTHS[month]!.slice(0, 3) : pad(month + 1, count); break;
      case 'd': out += pad(day, count); break;
      case 'D': out += pad(Math.floor((Date.UTC(year, month, day) - Date.UTC(year, 0, 1)) / 86400000) + 1, count); break;
      case 'E': out += count >= 4 ? DAYS[weekday]! : DAYS[weekday]!.slice(0, 3); break;
      case 'u': out += pad(weekday === 0 ? 7 : weekday, count); break;
      case 'a': out += hour < 12 ? 'AM' : 'PM'; break;
      case 'H': out += pad(hour, count); break;
      case 'k': out += pad(hour === 0 ? 24 : hour, count); break;
      case 'K': out += pad(hour % 12, count); break;
      case 'h': out += pad(hour % 12 === 0 ? 12 : hour % 12, count); break;
      case 'm': out += pad(local.getUTCMinutes(), count); break;
      case 's': out += pad(local.getUTCSeconds(), count); break;
      case 'S': out += pad(local.getUTCMilliseconds(), count); break;
      case 'Z': out += offsetText(offset, 'Z'); break;
      case 'X': out += offsetText(offset, count === 1 ? 'X' : count === 2 ? 'XX' : 'XXX'); break;
      case 'z': return { ok: false, message: "The format's z writes the zone's name from Java's locale data, which this does not have: use XXX or Z" };
      default: return { ok: false, message: `The format's ${char} depends on a locale's week rules, which this does not know` };
    }
  }
  return { ok: true, text: out };
}

export interface Expansion {
  /** The url with every placeholder it could write written. */
  url: string;
  /** Why a placeholder was left as it is. */
  problems: string[];
}

/** The url as the platform would send it for a poll whose last poll time is `lastPoll`. */
export function expandPollerUrl(url: string, lastPoll: Date, options: { serverZone?: string } = {}): Expansion {
  const serverZone = options.serverZone ?? 'UTC';
  if (!Number.isFinite(lastPoll.getTime())) return { url, problems: ['The last poll time is not a valid date'] };
  const problems: string[] = [];
  let out = '';
  let from = 0;
  for (const placeholder of scanPlaceholders(url).placeholders) {
    const written = url.slice(placeholder.offset, placeholder.offset + placeholder.length);
    let text: FormatResult;
    switch (placeholder.known) {
      case 'epoch': {
        const unit = placeholder.format?.text ?? 'ms';
        const ms = lastPoll.getTime();
        text = unit === 'ms' ? { ok: true, text: String(ms) } : unit === 's' ? { ok: true, text: String(Math.floor(ms / 1000)) } : unit === 'us' ? { ok: true, text: String(ms * 1000) } : { ok: false, message: `${written}: epoch takes s, ms or us` };
        break;
      }
      case 'gmtDate':
      case 'date':
      case 'dateTimeZone': {
        const zone = placeholder.known === 'gmtDate' ? 'GMT' : placeholder.known === 'date' ? serverZone : (placeholder.zone?.text ?? '');
        text = placeholder.format ? formatDate(placeholder.format.text, lastPoll, zone) : { ok: false, message: `${written} has no format: what the platform writes for it is not documented` };
        break;
      }
      default:
        text = { ok: false, message: `${written} is not a placeholder the docs define` };
    }
    out += url.slice(from, placeholder.offset);
    if (text.ok) out += text.text;
    else {
      out += written;
      problems.push(text.message.startsWith(written) ? text.message : `${written}: ${text.message}`);
    }
    from = placeholder.offset + placeholder.length;
  }
  return { url: out + url.slice(from), problems };
}
