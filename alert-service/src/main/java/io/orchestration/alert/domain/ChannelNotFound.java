package io.orchestration.alert.domain;

import io.orchestration.common.problem.ProblemException;

public class ChannelNotFound extends ProblemException.NotFound {
    public ChannelNotFound(String id) {
        super("Notification channel", id);
    }
}
