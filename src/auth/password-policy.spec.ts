import { passwordPolicyProblems } from './password-policy.js';

describe('password policy for new passwords', () => {
  it.each([
    ['aaaaaaaaaaaa', 'one character or one chunk repeated'],
    ['abcabcabcabc', 'one character or one chunk repeated'],
    ['passwordpassword', 'one character or one chunk repeated'],
    ['abcdefghijkl', 'run of consecutive letters or digits'],
    ['LKJIHGFEDCBA', 'run of consecutive letters or digits'],
    // Digits wrap: 9 then 0 is one step up, as on a keyboard's number row.
    ['789012345678', 'run of consecutive letters or digits'],
    ['Qwerty123456', 'most common passwords'],
  ])('refuses %s', (password, problem) => {
    expect(passwordPolicyProblems(password, 'someone').join(' | ')).toContain(problem);
  });

  it('refuses a password containing the username, whatever its case', () => {
    expect(passwordPolicyProblems('my-Marie.Curie-1867', 'marie.curie')).toEqual([
      'password must not contain the username',
    ]);
  });

  it.each(['a-password-long-enough', 'correct horse battery staple', 'abcdefghijkm'])(
    'accepts %s',
    (password) => {
      expect(passwordPolicyProblems(password, 'marie.curie')).toEqual([]);
    },
  );
});
