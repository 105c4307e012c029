import { useState } from 'preact/hooks';
import type { AuthConfig } from '../config.ts';
import { signInWithToken, startCognitoSignIn } from '../session.ts';

/** Asks the operator to sign in: the operator token locally, the user pool's hosted sign-in in AWS. */
export const SignIn = ({ auth, onSignedIn }: { readonly auth: AuthConfig; readonly onSignedIn: () => void }) => {
  const [token, setToken] = useState('');
  if (auth.mode === 'cognito') {
    return (
      <div class="sign-in">
        <button type="button" onClick={() => void startCognitoSignIn(auth)}>
          Sign in
        </button>
      </div>
    );
  }
  return (
    <form
      class="sign-in"
      onSubmit={(event) => {
        event.preventDefault();
        if (token.trim() === '') return;
        signInWithToken(token.trim());
        onSignedIn();
      }}
    >
      <label>
        Operator token
        <input name="token" type="password" autoComplete="off" value={token} onInput={(event) => { setToken(event.currentTarget.value); }} />
      </label>
      <button type="submit">Sign in</button>
    </form>
  );
};
