import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scheduled `seqGap` rule read every reading measured in the last 2 hours on each run (a
 * cost growing with the ingest rate: bench/README.md, "Sequence-gap candidates") and missed
 * gaps in backlogs measured earlier than that. Ingestion now records candidate gaps
 * (src/readings/seq-gap-candidate.entity.ts), and tracks each serial's highest seq so an
 * in-order batch finds the seq below it without reading the badge's history.
 */
export class SeqGapCandidates1795694000000 implements MigrationInterface {
  name = 'SeqGapCandidates1795694000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "seq_gap_candidate" ("badge_serial" text NOT NULL, "seq" bigint NOT NULL, CONSTRAINT "PK_b5740d73e3513491008448c794b" PRIMARY KEY ("badge_serial", "seq"))`,
    );
    await queryRunner.query(`ALTER TABLE "badge_register" ADD "last_seq" bigint`);
    await queryRunner.query(
      `ALTER TABLE "seq_gap_candidate" ADD CONSTRAINT "FK_b5740d73e3513491008448c794b" FOREIGN KEY ("badge_serial", "seq") REFERENCES "reading"("badge_serial", "seq") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `UPDATE badge_register t SET last_seq = (SELECT max(r.seq) FROM reading r WHERE r.badge_serial = t.serial)`,
    );
    // The gaps the old rule would still have examined (readings measured in its 2-hour
    // window): the rule confirms or drops them on its next runs.
    await queryRunner.query(
      `INSERT INTO seq_gap_candidate (badge_serial, seq)
       SELECT serial, seq
         FROM (SELECT r.badge_serial AS serial, r.seq,
                      lag(r.seq) OVER (PARTITION BY r.badge_serial ORDER BY r.seq) AS previous_seq
                 FROM badge b JOIN reading r ON r.badge_serial = b.serial
                                            AND r.measured_at >= now() - interval '2 hours'
                WHERE b.last_seen_at >= now() - interval '2 hours') AS n
        WHERE seq > previous_seq + 1`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "seq_gap_candidate" DROP CONSTRAINT "FK_b5740d73e3513491008448c794b"`,
    );
    await queryRunner.query(`ALTER TABLE "badge_register" DROP COLUMN "last_seq"`);
    await queryRunner.query(`DROP TABLE "seq_gap_candidate"`);
  }
}
