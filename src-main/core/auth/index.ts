export { createAuthService, DEFAULT_SIGN_IN_TIMEOUT_MS, ACTIVE_ACCOUNT_FILE } from './auth-service';
export type { AuthService, AuthServiceOptions } from './auth-service';
export { createAesEncryptor, createAesFileEncryptor } from './aes-encryptor';
export type { AesEncryptorOptions } from './aes-encryptor';
export { MICROSOFT_LOGIN_HOSTS, defaultAllowHosts } from './network-client';
export type { NetworkAttempt } from './network-client';
