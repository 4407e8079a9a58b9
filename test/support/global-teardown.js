export default async function globalTeardown() {
  await globalThis.__doseTestRun?.teardown();
}
