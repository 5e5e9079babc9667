import {
  DomainError,
  type Command,
  type CommandMetadata,
  type DecidedEvent,
  type Decider,
} from '@omnistream/kernel';

/** A small decider for the command handler's tests: deposits, and withdrawals that may not overdraw. */
export interface BankAccount {
  readonly balance: number;
  /** Deposits and withdrawals so far; lets tests tell a snapshot's state from a full fold. */
  readonly movements: number;
}

export type BankAccountCommand =
  Command<'Deposit', { readonly amount: number }> | Command<'Withdraw', { readonly amount: number }>;

export type BankAccountEvent =
  | DecidedEvent<'MoneyDeposited', { readonly amount: number }>
  | DecidedEvent<'MoneyWithdrawn', { readonly amount: number }>;

export const bankAccount: Decider<BankAccount, BankAccountCommand, BankAccountEvent> = {
  initialState: () => ({ balance: 0, movements: 0 }),
  decide: (command, state) => {
    switch (command.type) {
      case 'Deposit':
        if (command.data.amount <= 0) return []; // nothing to record, and nothing wrong either
        return [{ type: 'MoneyDeposited', data: { amount: command.data.amount } }];
      case 'Withdraw':
        if (command.data.amount > state.balance)
          throw new DomainError('INSUFFICIENT_FUNDS', `only ${state.balance} left`, {
            balance: state.balance,
          });
        return [{ type: 'MoneyWithdrawn', data: { amount: command.data.amount } }];
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'MoneyDeposited':
        return { balance: state.balance + event.data.amount, movements: state.movements + 1 };
      case 'MoneyWithdrawn':
        return { balance: state.balance - event.data.amount, movements: state.movements + 1 };
    }
  },
};

const at: CommandMetadata = {
  now: '2026-03-01T10:00:00.000Z',
  correlationId: 'corr-1',
  causationId: 'cause-1',
  actor: 'user:ada',
};

export const deposit = (amount: number, metadata: CommandMetadata = at): BankAccountCommand => ({
  type: 'Deposit',
  data: { amount },
  metadata,
});
export const withdraw = (amount: number, metadata: CommandMetadata = at): BankAccountCommand => ({
  type: 'Withdraw',
  data: { amount },
  metadata,
});
export const deposited = (amount: number): BankAccountEvent => ({ type: 'MoneyDeposited', data: { amount } });
export const withdrawn = (amount: number): BankAccountEvent => ({ type: 'MoneyWithdrawn', data: { amount } });
