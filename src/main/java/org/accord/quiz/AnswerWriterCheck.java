package org.accord.quiz;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness at /q/health/live: down when the answer writer's thread has stopped, since every answer would
 * then wait for ever; with the number of answers waiting for it, which keeps growing when the database
 * cannot keep up.
 */
@Liveness
@ApplicationScoped
public class AnswerWriterCheck implements HealthCheck {

    @Inject
    AnswerWriter writer;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("answer writer").status(writer.running()).withData("waiting", writer.waiting()).build();
    }
}
