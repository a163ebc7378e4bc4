import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** The request work of one item, ready to run: parameters are read and validated already. */
export type ItemCall = () => Promise<IDataObject | IDataObject[]>;

export interface Operation {
	description: INodeProperties[];
	/** Reads and validates the item's parameters; throws before any request when they are wrong. */
	prepare(this: IExecuteFunctions, itemIndex: number): ItemCall;
}
