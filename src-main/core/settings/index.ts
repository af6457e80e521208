export { createSettingsStore, SETTINGS_FILE } from './settings-store';
export type { SettingsStore, SettingsOverrides } from './settings-store';
export { DEFAULT_SETTINGS } from './defaults';
export { isGuid, validateClientId, validateTenant, validateServiceUrl } from './validate';
