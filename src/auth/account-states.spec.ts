import type { Repository } from 'typeorm';
import { AccountStates } from './account-states.js';
import type { User } from './user.entity.js';

const ID = '6f1c2a4e-0b7d-4c1e-9a3f-2d5e8b7c1a00';

/** A repository of one login whose reads the test counts and may hold back. */
function oneLogin() {
  const user = {
    id: ID,
    username: 'tess',
    role: 'technician',
    personId: null,
    disabledAt: null,
    tokenVersion: 1,
  } as unknown as User;
  let reads = 0;
  let hold: Promise<void> | undefined;
  const repository = {
    // The row as it was when read, answered once the test lets it through.
    findOneBy: async () => {
      reads += 1;
      const row = { ...user };
      await hold;
      return row;
    },
  } as unknown as Repository<User>;
  return {
    user,
    states: new AccountStates(repository),
    reads: () => reads,
    holdReads(): () => void {
      let release!: () => void;
      hold = new Promise((resolve) => (release = resolve));
      return () => {
        hold = undefined;
        release();
      };
    },
  };
}

/**
 * The guard's cache: one read per login while notifications are heard; a change forgotten is
 * read again; without notifications every request reads; a read that began before a change
 * is answered but not kept (it may hold the state from before the change).
 */
describe('AccountStates', () => {
  it('reads a login once while listening, and again after forget', async () => {
    const { states, reads, user } = oneLogin();
    states.setListening(true);
    await states.get(ID);
    await states.get(ID);
    expect(reads()).toBe(1);
    user.tokenVersion = 2;
    states.forget(ID);
    expect(await states.get(ID)).toMatchObject({ tokenVersion: 2 });
    expect(reads()).toBe(2);
  });

  it('trusts nothing cached while not listening', async () => {
    const { states, reads } = oneLogin();
    await states.get(ID);
    await states.get(ID);
    expect(reads()).toBe(2);
  });

  it('does not keep a read that a change overtook', async () => {
    const { states, reads, holdReads, user } = oneLogin();
    states.setListening(true);
    const release = holdReads();
    const early = states.get(ID);
    user.disabledAt = new Date();
    states.forget(ID);
    release();
    expect(await early).toMatchObject({ disabled: false });
    expect(await states.get(ID)).toMatchObject({ disabled: true });
    expect(reads()).toBe(2);
  });

  it('answers null for a subject that is not a uuid, without a query', async () => {
    const { states, reads } = oneLogin();
    expect(await states.get('not-a-uuid')).toBeNull();
    expect(reads()).toBe(0);
  });
});
