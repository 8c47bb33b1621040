/**
 * The offline copy (service worker, precached build) and app updates. A new version waits until the
 * user chooses to reload ("New version available — reload"): the running app never changes
 * underneath an import or an open analysis.
 */
import { registerSW } from 'virtual:pwa-register';

export class AppUpdate {
  /** A new version is installed and waiting. */
  available = $state(false);
  /** The whole app is cached: it will load and work without a network. */
  offlineReady = $state(false);
  private update: ((reload?: boolean) => Promise<void>) | null = null;

  start(): void {
    if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
    this.update = registerSW({
      onNeedRefresh: () => (this.available = true),
      onOfflineReady: () => (this.offlineReady = true),
      onRegisterError: (e: unknown) => console.warn('Offline copy not installed:', e),
    });
  }

  /**
   * Activate the waiting version and reload once it has taken over. workbox-window reloads by itself
   * only when the page was already controlled at load; a page opened on the very first visit is not,
   * so listen for the takeover here too (and reload anyway if it does not come).
   */
  reload(): void {
    let done = false;
    const go = (): void => {
      if (done) return;
      done = true;
      location.reload();
    };
    if (!this.update || !('serviceWorker' in navigator)) return go();
    navigator.serviceWorker.addEventListener('controllerchange', go, { once: true });
    void this.update(true);
    setTimeout(go, 5000);
  }

  /**
   * "Delete all local data": unregister this copy's service worker and delete its caches. Copies of the
   * app under other paths of this origin keep theirs: a registration's scope is its copy's folder, and
   * workbox names each cache after it (`workbox-precache-v2-<scope>`).
   */
  async forgetOfflineCopy(): Promise<void> {
    // The page is the app's index.html, so its folder is the scope the service worker was registered with.
    const scope = new URL('./', location.href).href;
    if (typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
      const registration = await navigator.serviceWorker.getRegistration(scope);
      if (registration?.scope === scope) await registration.unregister();
    }
    if (typeof caches !== 'undefined') {
      for (const key of await caches.keys()) if (key.endsWith(scope)) await caches.delete(key);
    }
    this.offlineReady = false;
    this.available = false;
  }
}

export const appUpdate = new AppUpdate();
