import { MigrationInterface, QueryRunner } from 'typeorm';

export class Modalities1795698400000 implements MigrationInterface {
  name = 'Modalities1795698400000';

  /**
   * The modality registry (DESIGN.md §7: exposure events only from registered modalities), and
   * rejected payloads kept as redacted skeletons (§3.3). Rejections stored before this from any
   * topic but a badge's readings may hold raw patient ids and cannot be redacted after the
   * fact: their payload is emptied and marked redacted; topic, reason and size stay.
   * Modalities that sent events before are not registered here (a forged modality id would be
   * among them): the RSO registers each, and until then its events are rejected as unregistered.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "modality" ("id" text NOT NULL, "ae_title" text, "kind" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "modality_kind_check" CHECK (kind IN ('CT', 'fluoroscopy', 'radiography', 'mammography', 'dental', 'nuclearMedicine')), CONSTRAINT "modality_ae_title_check" CHECK (char_length(ae_title) BETWEEN 1 AND 16), CONSTRAINT "modality_id_check" CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$'), CONSTRAINT "PK_ba5430e7e9e6035b0d13a5cc564" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "modality_ae_title_key" ON "modality" ("ae_title") `,
    );
    await queryRunner.query(
      `ALTER TABLE "rejected_message" ADD "redacted" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `UPDATE "rejected_message" SET "payload" = ''::bytea, "redacted" = true
        WHERE "topic" NOT LIKE '%/badges/%/readings'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rejected_message" DROP COLUMN "redacted"`);
    await queryRunner.query(`DROP INDEX "public"."modality_ae_title_key"`);
    await queryRunner.query(`DROP TABLE "modality"`);
  }
}
