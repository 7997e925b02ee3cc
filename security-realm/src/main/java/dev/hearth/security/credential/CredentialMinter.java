package dev.hearth.security.credential;

import java.util.Set;

/** Obtains a credential for a trusted portion on behalf of the caller whose token it is given. */
public interface CredentialMinter {

    /**
     * @param subjectToken the caller's own bearer token
     * @param scopes what to ask for, a subset of {@code profile.scopes()}; the answer may hold fewer
     *     when the caller's roles do not allow them all
     * @throws CredentialRefusedException the identity provider refused: the caller's roles allow none
     *     of the scopes, or the token is no longer valid
     * @throws CredentialUnavailableException the identity provider could not be asked
     */
    MintedCredential mint(String subjectToken, CredentialProfile profile, Set<String> scopes);
}
