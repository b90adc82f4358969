/** The activation events the suite triggers, one fresh window (and extension host) each. No `vscode` here. */

export const ACTIVATION_SCENARIOS = ['workspaceContains', 'onLanguage:json', 'onLanguage:jsonc', 'onCommand', 'onView', 'onUri'] as const;

export type ActivationScenario = (typeof ACTIVATION_SCENARIOS)[number];

/** The run's label and the name of its workspace folder: `activation-onLanguage-json`. */
export function activationLabel(scenario: ActivationScenario): string {
  return `activation-${scenario.replace(/[^\w]+/g, '-')}`;
}

/** The scenario a window runs, from its workspace folder's name. */
export function scenarioOfFolder(folderName: string): ActivationScenario | undefined {
  return ACTIVATION_SCENARIOS.find((scenario) => activationLabel(scenario) === folderName);
}
