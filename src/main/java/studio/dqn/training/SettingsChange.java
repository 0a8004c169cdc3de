package studio.dqn.training;

import studio.dqn.config.DqnConfig;

/** Which settings a run may change when it is restored or continued, and the message when it may not. */
final class SettingsChange {

    private SettingsChange() {
    }

    /** A saved model continues only on the same task, network shape and algorithm. */
    static void requireRestorable(DqnConfig saved, DqnConfig config) {
        if (!saved.envId().equalsIgnoreCase(config.envId()) || !saved.hiddenLayers().equals(config.hiddenLayers())
                || saved.algorithm() != config.algorithm()) {
            throw new IllegalArgumentException("the model was trained on " + saved.envId() + " with hidden layers "
                    + saved.hiddenLayers() + "; it cannot continue as " + config.envId() + " with "
                    + config.hiddenLayers());
        }
    }

    /** Between two runs of one session, only settings that leave the network and its data alone change. */
    static void requireContinuable(DqnConfig config, DqnConfig newConfig) {
        if (!newConfig.envId().equalsIgnoreCase(config.envId()) || !newConfig.hiddenLayers().equals(config.hiddenLayers())
                || newConfig.algorithm() != config.algorithm() || newConfig.learningRate() != config.learningRate()
                || newConfig.loss() != config.loss() || newConfig.numEnvs() != config.numEnvs()
                || newConfig.bufferSize() != config.bufferSize() || newConfig.seed() != config.seed()) {
            throw new IllegalArgumentException("environment, network, learning rate, loss, seed, parallel environments"
                    + " and buffer size cannot change in a run: start a new one");
        }
    }
}
