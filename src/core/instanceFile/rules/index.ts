/** Every lint rule, in one list: the linter runs them, and the settings schema is checked against them. */
import { eventCallback } from './eventCallback';
import { eventPollerConfiguration } from './eventPollerConfiguration';
import { eventPollerDates } from './eventPollerDates';
import { eventPollerField } from './eventPollerField';
import { eventPollerUrls } from './eventPollerUrls';
import { placeholder } from './placeholder';
import { plainSecret } from './plainSecret';
import { requiredKey } from './requiredKey';
import { smartQuotes } from './smartQuotes';
import { syntax } from './syntax';
import { unknownElement } from './unknownElement';
import { unknownKey } from './unknownKey';
import { unquotedValue } from './unquotedValue';
import { url } from './url';
import { valueType } from './valueType';

export const LINT_RULES = [smartQuotes, syntax, requiredKey, unknownElement, unknownKey, placeholder, valueType, unquotedValue, url, plainSecret, eventCallback, eventPollerConfiguration, eventPollerField, eventPollerDates, eventPollerUrls] as const;

export type RuleId = (typeof LINT_RULES)[number]['id'];
