import { User } from '../auth/user.entity.js';

/** Every entity, listed once: the app and the migration CLI see the same schema. */
export const entities = [User];
