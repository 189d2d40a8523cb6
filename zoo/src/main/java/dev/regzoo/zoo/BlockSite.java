package dev.regzoo.zoo;

/**
 * Where one residual block of a {@link ResNet} sits, as {@link ResidualBlocks#residual} builds it: what a per-block
 * regularizer needs to know. Drop path (stochastic depth) drops the residual branch with a rate rising linearly with
 * depth, {@code rate × index / (blockCount - 1)} as timm computes it; DropBlock targets chosen stages (timm: the
 * last two).
 *
 * @param stage      the stage, from 0
 * @param block      the block within its stage, from 0
 * @param index      the block among all blocks of the network, from 0
 * @param blockCount the network's number of residual blocks
 * @param in         input channels
 * @param width      channels of the block's convolutions (a bottleneck's inner width)
 * @param stride     the block's stride, 1 or 2
 */
record BlockSite(int stage, int block, int index, int blockCount, int in, int width, int stride) {

    /** The block's name prefix, {@code stageS_blockB} counted from 1: its layers are {@code stage2_block1_1_conv}… */
    String name() {
        return "stage" + (stage + 1) + "_block" + (block + 1);
    }
}
