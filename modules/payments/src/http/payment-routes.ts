import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { DomainError, fold, uuidV7 } from '@omnistream/kernel';
import type { HttpApp } from '@omnistream/http';
import { payment, paymentStreamId } from '../domain/payment/payment.js';
import type { PaymentEvent } from '../domain/payment/payment-events.js';
import type { Payment as PaymentState } from '../domain/payment/payment-state.js';
import type { CommandContext } from '../operations/payment-operations.js';
import { paymentsByOrder } from '../read-models/payments-by-order.js';
import { toHistory, toPaymentView } from '../read-models/payment-view.js';
import {
  CaptureBody,
  CreatePaymentBody,
  PaymentId,
  PaymentList,
  PaymentWithHistory,
  RefundBody,
} from './payment-schemas.js';
import type { PaymentsRouteDependencies } from './payments-route-dependencies.js';

const Problem = Type.Ref('ProblemDetails');
const PaymentRef = Type.Ref('Payment');
const tags = ['payments'];
const Params = Type.Object({ paymentId: PaymentId });

const contextOf = (request: FastifyRequest): CommandContext => ({
  correlationId: String(request.id),
  ...(request.principal === null ? {} : { actor: request.principal }),
});

const viewOf = (state: PaymentState, paymentId: string, version: number) => {
  if (!state.exists)
    throw new DomainError('PAYMENT_NOT_FOUND', `there is no payment ${paymentId}`, { paymentId });
  return toPaymentView(state, version);
};

/** Payments: authorise, read with history, capture, cancel, refund, list by order. */
export const registerPaymentRoutes = (
  app: HttpApp,
  { operations, eventStore, database }: PaymentsRouteDependencies,
) => {
  /** The stream is the truth and short: read it whole for the view and its history. */
  const read = async (paymentId: string) => {
    const events = await eventStore.readStream(paymentStreamId(paymentId));
    const state = fold(
      payment,
      payment.initialState(),
      events.map((e) => ({ type: e.type, data: e.data }) as PaymentEvent),
    );
    return { payment: viewOf(state, paymentId, events.length), history: toHistory(events) };
  };
  const current = async (paymentId: string) => (await read(paymentId)).payment;

  app.post(
    '/payments',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Create a payment and authorise it',
        description:
          'The provider is chosen by market and payment method. 201 with the outcome: authorised, refused, failed or pending (a webhook settles it later).',
        tags,
        body: CreatePaymentBody,
        response: { 201: PaymentRef, 400: Problem, 409: Problem, 422: Problem, 502: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const { paymentId = uuidV7(), ...rest } = request.body;
      await operations.authorise({ paymentId, ...rest }, contextOf(request));
      void reply.code(201).header('location', `/payments/${paymentId}`);
      return current(paymentId);
    },
  );

  app.get(
    '/payments/:paymentId',
    {
      schema: {
        summary: 'Read a payment and its history',
        tags,
        params: Params,
        response: { 200: PaymentWithHistory, 400: Problem, 404: Problem },
      },
    },
    async (request) => read(request.params.paymentId),
  );

  app.get(
    '/payments',
    {
      schema: {
        summary: "List an order's payments",
        tags,
        querystring: Type.Object(
          { orderId: Type.String({ minLength: 1, maxLength: 128 }) },
          { additionalProperties: false },
        ),
        response: { 200: PaymentList, 400: Problem },
      },
    },
    async (request) => ({ items: await paymentsByOrder(database, request.query.orderId) }),
  );

  const modification = {
    202: PaymentRef,
    400: Problem,
    404: Problem,
    409: Problem,
    422: Problem,
    502: Problem,
    503: Problem,
  };

  app.post(
    '/payments/:paymentId/captures',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Capture an authorised payment, all of it or a part',
        description:
          'Accepted: the provider confirms by webhook (PaymentCaptured). The same captureId again is a no-op.',
        tags,
        params: Params,
        body: CaptureBody,
        response: modification,
      },
    },
    async (request, reply) => {
      const { captureId, ...rest } = request.body;
      const { paymentId } = request.params;
      await operations.capture(
        paymentId,
        { ...rest, ...(captureId === undefined ? {} : { id: captureId }) },
        contextOf(request),
      );
      void reply.code(202);
      return current(paymentId);
    },
  );

  app.post(
    '/payments/:paymentId/refunds',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Refund captured money, all of it or a part',
        description: 'Never more than was captured. The same refundId again is a no-op.',
        tags,
        params: Params,
        body: RefundBody,
        response: modification,
      },
    },
    async (request, reply) => {
      const { refundId, ...rest } = request.body;
      const { paymentId } = request.params;
      await operations.refund(
        paymentId,
        { ...rest, ...(refundId === undefined ? {} : { id: refundId }) },
        contextOf(request),
      );
      void reply.code(202);
      return current(paymentId);
    },
  );

  app.post(
    '/payments/:paymentId/cancel',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Void the authorisation',
        description:
          'A no-op when already cancelled, refused or failed; refused once anything was captured (refund instead).',
        tags,
        params: Params,
        response: modification,
      },
    },
    async (request, reply) => {
      const { paymentId } = request.params;
      await operations.cancel(paymentId, contextOf(request));
      void reply.code(202);
      return current(paymentId);
    },
  );
};
