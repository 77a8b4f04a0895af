/** The one answer for every wrong username/password combination (and malformed sign-in input). */
export const WRONG_CREDENTIALS_MESSAGE = 'Wrong username or password.';
