/** NIST SP 800-63B: at least 8 characters. */
export const PASSWORD_MIN_LENGTH = 8;
/** Long passphrases are welcome; the bound only keeps hashing cost predictable. */
export const PASSWORD_MAX_LENGTH = 128;
