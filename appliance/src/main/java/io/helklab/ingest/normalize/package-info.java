/**
 * The HELK event normaliser: raw Windows event JSON (Winlogbeat 7/6, NXLog, flat exports) in, HELK-shaped
 * documents out, plus the index templates they are written with. Pure code: no Kafka, no Elasticsearch client.
 *
 * <p>Entry points: {@link io.helklab.ingest.normalize.EventNormalizer} (one per appliance, shared by all
 * threads) and {@link io.helklab.ingest.normalize.IndexTemplates}.
 *
 * <p>Conventions of the output documents, beyond SCHEMA.md:
 * <ul>
 *   <li>{@code event_original_message} holds the original record on every document;
 *       {@code etl_input_format} says which input format was detected.</li>
 *   <li>A value that does not fit its typed field ({@code long}, {@code boolean}, {@code ip}, {@code date}) is
 *       left out; its raw text goes to {@code <field>_orig} and a sentence to {@code event_parse_warnings}.
 *       {@code process_granted_access_orig} always holds the hexadecimal original.</li>
 *   <li>Catch-all documents ({@code logs-indexme-*}) and parse failures carry a {@code reason}.</li>
 *   <li>Event-data values win over header values of the same HELK name ({@code process_id},
 *       {@code thread_id}); Windows' "no value" placeholders ({@code -}, empty) are dropped.</li>
 * </ul>
 */
package io.helklab.ingest.normalize;
