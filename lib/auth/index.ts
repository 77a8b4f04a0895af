export { auth, handlers, signIn, signOut } from './auth';
