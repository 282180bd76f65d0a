const key = 'hongqi.token';

/** The bearer token lives in localStorage; in development `?token=` in the URL is accepted once and stored. */
export function takeTokenFromUrl(): void {
  if (!import.meta.env.DEV) return;
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  localStorage.setItem(key, token);
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.toString());
}

export function getToken(): string | null {
  return typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
}

export function setToken(token: string): void {
  if (token.trim()) localStorage.setItem(key, token.trim());
  else localStorage.removeItem(key);
}
