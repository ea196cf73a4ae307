/* The default model, embedded at build time (see Makefile: MODEL): the
 * image of the model file (tools/model_image), used where it lies. Built
 * without MODEL_PATH it is empty (the converter's own link). */
    .section .rodata
    .balign 64
    .global coref_embedded_model
    .global coref_embedded_model_end
    .hidden coref_embedded_model
    .hidden coref_embedded_model_end
coref_embedded_model:
#ifdef MODEL_PATH
    .incbin MODEL_PATH
#endif
coref_embedded_model_end:
    .byte 0
    .section .note.GNU-stack,"",@progbits
