/** The feed subscription that builds one projection version; its checkpoint is stored under this name. */
export const subscriptionName = (name: string, version: number): string => `projection:${name}:v${version}`;
