import { DomainError, type CommandMetadata } from '@omnistream/kernel';
import type { ShipmentCommandResult, ShipmentsSagaCommand } from '@omnistream/contracts/shipments';
import type { ShipmentView } from '../shipment-view.js';

const result = (view: ShipmentView): ShipmentCommandResult => ({
  shipmentId: view.shipmentId,
  status: view.status,
  carrier: view.carrier,
  trackingNumber: view.label?.trackingNumber ?? null,
});

/** Shipments' saga command executor (platform/sagas startSagaCommandConsumer): both commands idempotent. */
export const executeShipmentsCommand =
  (shipments: {
    createShipment(
      input: Extract<ShipmentsSagaCommand, { type: 'CreateShipment' }>['data'],
      metadata?: Partial<CommandMetadata>,
    ): Promise<ShipmentView>;
    cancelShipment(
      request: { shipmentId: string; reason: string },
      metadata?: Partial<CommandMetadata>,
    ): Promise<ShipmentView>;
  }) =>
  async (
    command: { readonly type: string; readonly data: unknown },
    context: { readonly correlationId?: string; readonly commandId: string },
  ): Promise<ShipmentCommandResult> => {
    const known = command as ShipmentsSagaCommand;
    const metadata = {
      causationId: context.commandId,
      ...(context.correlationId === undefined ? {} : { correlationId: context.correlationId }),
    };
    switch (known.type) {
      case 'CreateShipment':
        return result(await shipments.createShipment(known.data, metadata));
      case 'CancelShipment':
        return result(await shipments.cancelShipment(known.data, metadata));
      default:
        throw new DomainError(
          'UNKNOWN_COMMAND',
          `shipments takes no saga command ${JSON.stringify(command.type)}`,
        );
    }
  };
