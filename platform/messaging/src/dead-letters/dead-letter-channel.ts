/** NOTIFY channel (payload: the group) that wakes a group's dead letter worker after an operator's action. */
export const DEAD_LETTER_CHANNEL = 'omnistream_dead_letters';
