import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Person } from '../people/person.entity.js';
import type { Role } from '../audit/caller.js';

@Entity({ name: 'app_user' })
@Check('app_user_role_check', `role IN ('admin', 'rso', 'technician')`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Compared case-insensitively: `Alice` and `alice` are one login. */
  @Index('app_user_username_key', { unique: true })
  @Column({
    type: 'text',
    transformer: { to: (v: string) => v.toLowerCase(), from: (v: string) => v },
  })
  username: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ type: 'text' })
  role: Role;

  /** The person a technician is; their own exposure is all they may read. */
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'app_user_person_fk' })
  person?: Person;

  /** Set when an admin disabled the login: it cannot log in, its tokens are refused. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  /**
   * Carried by each access token (`ver`); a token whose version is not this one is refused.
   * Raised by logout, a password change or reset, a change of role, disabling: each ends
   * every session of the login at once (DESIGN.md §7).
   */
  @Column({ name: 'token_version', type: 'integer', default: 1 })
  tokenVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
