export { createSettingsStore, SETTINGS_FILE } from './settings-store';
export type { SettingsStore, SettingsOverrides } from './settings-store';
export { DEFAULT_SETTINGS } from './defaults';
export { withEndpointConfirmation } from './endpoint-confirmation';
export type { ConfirmEndpoints, EndpointChange } from './endpoint-confirmation';
export { isGuid, validateClientId, validateTenant, validateServiceUrl } from './validate';
