#include "lexer.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace ds::lex {

namespace {

constexpr int kMaxLevel = 200;  // CPython's MAXLEVEL: "too many nested parentheses"
constexpr int kMaxIndent = 100; // CPython's MAXINDENT: "too many levels of indentation"
constexpr int kTabSize = 8;

// Unicode classes of code points >= 0x80, as segments: (first code point << 2) | class, where
// class 0 = printable, not an identifier character; 1 = XID_Continue only; 2 = XID_Start (and
// XID_Continue); 3 = not printable. Generated from Python 3.11's unicodedata (Unicode 14.0):
// str.isidentifier() and str.isprintable().
const uint32_t kUniSegs[] = {
    0x203,    0x284,    0x2aa,   0x2ac,   0x2b7,   0x2b8,   0x2d6,   0x2d8,   0x2dd,   0x2e0,
    0x2ea,    0x2ec,    0x302,   0x35c,   0x362,   0x3dc,   0x3e2,   0xb08,   0xb1a,   0xb48,
    0xb82,    0xb94,    0xbb2,   0xbb4,   0xbba,   0xbbc,   0xc01,   0xdc2,   0xdd4,   0xdda,
    0xde3,    0xde8,    0xdee,   0xdf8,   0xdfe,   0xe03,   0xe10,   0xe1a,   0xe1d,   0xe22,
    0xe2f,    0xe32,    0xe37,   0xe3a,   0xe8b,   0xe8e,   0xfd8,   0xfde,   0x1208,  0x120d,
    0x1220,   0x122a,   0x14c3,  0x14c6,  0x155f,  0x1566,  0x1568,  0x1582,  0x1624,  0x162f,
    0x1634,   0x1643,   0x1645,  0x16f8,  0x16fd,  0x1700,  0x1705,  0x170c,  0x1711,  0x1718,
    0x171d,   0x1723,   0x1742,  0x17af,  0x17be,  0x17cc,  0x17d7,  0x1818,  0x1841,  0x186c,
    0x1873,   0x1874,   0x1882,  0x192d,  0x19a8,  0x19ba,  0x19c1,  0x19c6,  0x1b50,  0x1b56,
    0x1b59,   0x1b77,   0x1b78,  0x1b7d,  0x1b96,  0x1b9d,  0x1ba4,  0x1ba9,  0x1bba,  0x1bc1,
    0x1bea,   0x1bf4,   0x1bfe,  0x1c00,  0x1c3b,  0x1c42,  0x1c45,  0x1c4a,  0x1cc1,  0x1d2f,
    0x1d36,   0x1e99,   0x1ec6,  0x1ecb,  0x1f01,  0x1f2a,  0x1fad,  0x1fd2,  0x1fd8,  0x1fea,
    0x1fef,   0x1ff5,   0x1ff8,  0x2002,  0x2059,  0x206a,  0x206d,  0x2092,  0x2095,  0x20a2,
    0x20a5,   0x20bb,   0x20c0,  0x20ff,  0x2102,  0x2165,  0x2173,  0x2178,  0x217f,  0x2182,
    0x21af,   0x21c2,   0x2220,  0x2226,  0x223f,  0x2261,  0x2282,  0x2329,  0x238b,  0x238d,
    0x2412,   0x24e9,   0x24f6,  0x24f9,  0x2542,  0x2545,  0x2562,  0x2589,  0x2590,  0x2599,
    0x25c0,   0x25c6,   0x2605,  0x2613,  0x2616,  0x2637,  0x263e,  0x2647,  0x264e,  0x26a7,
    0x26aa,   0x26c7,   0x26ca,  0x26cf,  0x26da,  0x26eb,  0x26f1,  0x26f6,  0x26f9,  0x2717,
    0x271d,   0x2727,   0x272d,  0x273a,  0x273f,  0x275d,  0x2763,  0x2772,  0x277b,  0x277e,
    0x2789,   0x2793,   0x2799,  0x27c2,  0x27c8,  0x27f2,  0x27f4,  0x27f9,  0x27ff,  0x2805,
    0x2813,   0x2816,   0x282f,  0x283e,  0x2847,  0x284e,  0x28a7,  0x28aa,  0x28c7,  0x28ca,
    0x28d3,   0x28d6,   0x28df,  0x28e2,  0x28eb,  0x28f1,  0x28f7,  0x28f9,  0x290f,  0x291d,
    0x2927,   0x292d,   0x293b,  0x2945,  0x294b,  0x2966,  0x2977,  0x297a,  0x297f,  0x2999,
    0x29ca,   0x29d5,   0x29d8,  0x29df,  0x2a05,  0x2a13,  0x2a16,  0x2a3b,  0x2a3e,  0x2a4b,
    0x2a4e,   0x2aa7,   0x2aaa,  0x2ac7,  0x2aca,  0x2ad3,  0x2ad6,  0x2aeb,  0x2af1,  0x2af6,
    0x2af9,   0x2b1b,   0x2b1d,  0x2b2b,  0x2b2d,  0x2b3b,  0x2b42,  0x2b47,  0x2b82,  0x2b89,
    0x2b93,   0x2b99,   0x2bc0,  0x2bcb,  0x2be6,  0x2be9,  0x2c03,  0x2c05,  0x2c13,  0x2c16,
    0x2c37,   0x2c3e,   0x2c47,  0x2c4e,  0x2ca7,  0x2caa,  0x2cc7,  0x2cca,  0x2cd3,  0x2cd6,
    0x2ceb,   0x2cf1,   0x2cf6,  0x2cf9,  0x2d17,  0x2d1d,  0x2d27,  0x2d2d,  0x2d3b,  0x2d55,
    0x2d63,   0x2d72,   0x2d7b,  0x2d7e,  0x2d89,  0x2d93,  0x2d99,  0x2dc0,  0x2dc6,  0x2dc8,
    0x2de3,   0x2e09,   0x2e0e,  0x2e13,  0x2e16,  0x2e2f,  0x2e3a,  0x2e47,  0x2e4a,  0x2e5b,
    0x2e66,   0x2e6f,   0x2e72,  0x2e77,  0x2e7a,  0x2e83,  0x2e8e,  0x2e97,  0x2ea2,  0x2eaf,
    0x2eba,   0x2eeb,   0x2ef9,  0x2f0f,  0x2f19,  0x2f27,  0x2f29,  0x2f3b,  0x2f42,  0x2f47,
    0x2f5d,   0x2f63,   0x2f99,  0x2fc0,  0x2fef,  0x3001,  0x3016,  0x3037,  0x303a,  0x3047,
    0x304a,   0x30a7,   0x30aa,  0x30eb,  0x30f1,  0x30f6,  0x30f9,  0x3117,  0x3119,  0x3127,
    0x3129,   0x313b,   0x3155,  0x315f,  0x3162,  0x316f,  0x3176,  0x317b,  0x3182,  0x3189,
    0x3193,   0x3199,   0x31c3,  0x31dc,  0x3202,  0x3205,  0x3210,  0x3216,  0x3237,  0x323a,
    0x3247,   0x324a,   0x32a7,  0x32aa,  0x32d3,  0x32d6,  0x32eb,  0x32f1,  0x32f6,  0x32f9,
    0x3317,   0x3319,   0x3327,  0x3329,  0x333b,  0x3355,  0x335f,  0x3376,  0x337f,  0x3382,
    0x3389,   0x3393,   0x3399,  0x33c3,  0x33c6,  0x33cf,  0x3401,  0x3412,  0x3437,  0x343a,
    0x3447,   0x344a,   0x34ed,  0x34f6,  0x34f9,  0x3517,  0x3519,  0x3527,  0x3529,  0x353a,
    0x353c,   0x3543,   0x3552,  0x355d,  0x3560,  0x357e,  0x3589,  0x3593,  0x3599,  0x35c0,
    0x35ea,   0x3603,   0x3605,  0x3613,  0x3616,  0x365f,  0x366a,  0x36cb,  0x36ce,  0x36f3,
    0x36f6,   0x36fb,   0x3702,  0x371f,  0x3729,  0x372f,  0x373d,  0x3757,  0x3759,  0x375f,
    0x3761,   0x3783,   0x3799,  0x37c3,  0x37c9,  0x37d0,  0x37d7,  0x3806,  0x38c5,  0x38ca,
    0x38cd,   0x38ef,   0x38fc,  0x3902,  0x391d,  0x393c,  0x3941,  0x3968,  0x3973,  0x3a06,
    0x3a0f,   0x3a12,   0x3a17,  0x3a1a,  0x3a2f,  0x3a32,  0x3a93,  0x3a96,  0x3a9b,  0x3a9e,
    0x3ac5,   0x3aca,   0x3acd,  0x3af6,  0x3afb,  0x3b02,  0x3b17,  0x3b1a,  0x3b1f,  0x3b21,
    0x3b3b,   0x3b41,   0x3b6b,  0x3b72,  0x3b83,  0x3c02,  0x3c04,  0x3c61,  0x3c68,  0x3c81,
    0x3ca8,   0x3cd5,   0x3cd8,  0x3cdd,  0x3ce0,  0x3ce5,  0x3ce8,  0x3cf9,  0x3d02,  0x3d23,
    0x3d26,   0x3db7,   0x3dc5,  0x3e14,  0x3e19,  0x3e22,  0x3e35,  0x3e63,  0x3e65,  0x3ef7,
    0x3ef8,   0x3f19,   0x3f1c,  0x3f37,  0x3f38,  0x3f6f,  0x4002,  0x40ad,  0x40fe,  0x4101,
    0x4128,   0x4142,   0x4159,  0x416a,  0x4179,  0x4186,  0x4189,  0x4196,  0x419d,  0x41ba,
    0x41c5,   0x41d6,   0x4209,  0x423a,  0x423d,  0x4278,  0x4282,  0x431b,  0x431e,  0x4323,
    0x4336,   0x433b,   0x4342,  0x43ec,  0x43f2,  0x4927,  0x492a,  0x493b,  0x4942,  0x495f,
    0x4962,   0x4967,   0x496a,  0x497b,  0x4982,  0x4a27,  0x4a2a,  0x4a3b,  0x4a42,  0x4ac7,
    0x4aca,   0x4adb,   0x4ae2,  0x4aff,  0x4b02,  0x4b07,  0x4b0a,  0x4b1b,  0x4b22,  0x4b5f,
    0x4b62,   0x4c47,   0x4c4a,  0x4c5b,  0x4c62,  0x4d6f,  0x4d75,  0x4d80,  0x4da5,  0x4dc8,
    0x4df7,   0x4e02,   0x4e40,  0x4e6b,  0x4e82,  0x4fdb,  0x4fe2,  0x4ffb,  0x5000,  0x5006,
    0x59b4,   0x59be,   0x5a03,  0x5a06,  0x5a6c,  0x5a77,  0x5a82,  0x5bac,  0x5bba,  0x5be7,
    0x5c02,   0x5c49,   0x5c5b,  0x5c7e,  0x5cc9,  0x5cd4,  0x5cdf,  0x5d02,  0x5d49,  0x5d53,
    0x5d82,   0x5db7,   0x5dba,  0x5dc7,  0x5dc9,  0x5dd3,  0x5e02,  0x5ed1,  0x5f50,  0x5f5e,
    0x5f60,   0x5f72,   0x5f75,  0x5f7b,  0x5f81,  0x5fab,  0x5fc0,  0x5feb,  0x6000,  0x602d,
    0x603b,   0x603d,   0x606b,  0x6082,  0x61e7,  0x6202,  0x62a5,  0x62aa,  0x62af,  0x62c2,
    0x63db,   0x6402,   0x647f,  0x6481,  0x64b3,  0x64c1,  0x64f3,  0x6500,  0x6507,  0x6510,
    0x6519,   0x6542,   0x65bb,  0x65c2,  0x65d7,  0x6602,  0x66b3,  0x66c2,  0x672b,  0x6741,
    0x676f,   0x6778,   0x6802,  0x685d,  0x6873,  0x6878,  0x6882,  0x6955,  0x697f,  0x6981,
    0x69f7,   0x69fd,   0x6a2b,  0x6a41,  0x6a6b,  0x6a80,  0x6a9e,  0x6aa0,  0x6abb,  0x6ac1,
    0x6af8,   0x6afd,   0x6b3f,  0x6c01,  0x6c16,  0x6cd1,  0x6d16,  0x6d37,  0x6d41,  0x6d68,
    0x6dad,   0x6dd0,   0x6dff,  0x6e01,  0x6e0e,  0x6e85,  0x6eba,  0x6ec1,  0x6eea,  0x6f99,
    0x6fd3,   0x6ff0,   0x7002,  0x7091,  0x70e3,  0x70ec,  0x7101,  0x712b,  0x7136,  0x7141,
    0x716a,   0x71f8,   0x7202,  0x7227,  0x7242,  0x72ef,  0x72f6,  0x7300,  0x7323,  0x7341,
    0x734c,   0x7351,   0x73a6,  0x73b5,  0x73ba,  0x73d1,  0x73d6,  0x73dd,  0x73ea,  0x73ef,
    0x7402,   0x7701,   0x7802,  0x7c5b,  0x7c62,  0x7c7b,  0x7c82,  0x7d1b,  0x7d22,  0x7d3b,
    0x7d42,   0x7d63,   0x7d66,  0x7d6b,  0x7d6e,  0x7d73,  0x7d76,  0x7d7b,  0x7d7e,  0x7dfb,
    0x7e02,   0x7ed7,   0x7eda,  0x7ef4,  0x7efa,  0x7efc,  0x7f0a,  0x7f17,  0x7f1a,  0x7f34,
    0x7f42,   0x7f53,   0x7f5a,  0x7f73,  0x7f74,  0x7f82,  0x7fb4,  0x7fc3,  0x7fca,  0x7fd7,
    0x7fda,   0x7ff4,   0x7fff,  0x8040,  0x80a3,  0x80c0,  0x80fd,  0x8104,  0x8151,  0x8154,
    0x817f,   0x81c0,   0x81c6,  0x81cb,  0x81d0,  0x81fe,  0x8200,  0x823f,  0x8242,  0x8277,
    0x8280,   0x8307,   0x8341,  0x8374,  0x8385,  0x8388,  0x8395,  0x83c7,  0x8400,  0x840a,
    0x840c,   0x841e,   0x8420,  0x842a,  0x8450,  0x8456,  0x8458,  0x8462,  0x8478,  0x8492,
    0x8494,   0x849a,   0x849c,  0x84a2,  0x84a4,  0x84aa,  0x84e8,  0x84f2,  0x8500,  0x8516,
    0x8528,   0x853a,   0x853c,  0x8582,  0x8624,  0x8633,  0x8640,  0x909f,  0x9100,  0x912f,
    0x9180,   0xadd3,   0xadd8,  0xae5b,  0xae5c,  0xb002,  0xb394,  0xb3ae,  0xb3bd,  0xb3ca,
    0xb3d3,   0xb3e4,   0xb402,  0xb49b,  0xb49e,  0xb4a3,  0xb4b6,  0xb4bb,  0xb4c2,  0xb5a3,
    0xb5be,   0xb5c0,   0xb5c7,  0xb5fd,  0xb602,  0xb65f,  0xb682,  0xb69f,  0xb6a2,  0xb6bf,
    0xb6c2,   0xb6df,   0xb6e2,  0xb6ff,  0xb702,  0xb71f,  0xb722,  0xb73f,  0xb742,  0xb75f,
    0xb762,   0xb77f,   0xb781,  0xb800,  0xb97b,  0xba00,  0xba6b,  0xba6c,  0xbbd3,  0xbc00,
    0xbf5b,   0xbfc0,   0xbff3,  0xc004,  0xc016,  0xc020,  0xc086,  0xc0a9,  0xc0c0,  0xc0c6,
    0xc0d8,   0xc0e2,   0xc0f4,  0xc103,  0xc106,  0xc25f,  0xc265,  0xc26c,  0xc276,  0xc280,
    0xc286,   0xc3ec,   0xc3f2,  0xc403,  0xc416,  0xc4c3,  0xc4c6,  0xc63f,  0xc640,  0xc682,
    0xc700,   0xc793,   0xc7c2,  0xc800,  0xc87f,  0xc880,  0xd002,  0x13700, 0x13802, 0x29237,
    0x29240,  0x2931f,  0x29342, 0x293f8, 0x29402, 0x29834, 0x29842, 0x29881, 0x298aa, 0x298b3,
    0x29902,  0x299bd,  0x299c0, 0x299d1, 0x299f8, 0x299fe, 0x29a79, 0x29a82, 0x29bc1, 0x29bc8,
    0x29be3,  0x29c00,  0x29c5e, 0x29c80, 0x29c8a, 0x29e24, 0x29e2e, 0x29f2f, 0x29f42, 0x29f4b,
    0x29f4e,  0x29f53,  0x29f56, 0x29f6b, 0x29fca, 0x2a009, 0x2a00e, 0x2a019, 0x2a01e, 0x2a02d,
    0x2a032,  0x2a08d,  0x2a0a0, 0x2a0b1, 0x2a0b7, 0x2a0c0, 0x2a0eb, 0x2a102, 0x2a1d0, 0x2a1e3,
    0x2a201,  0x2a20a,  0x2a2d1, 0x2a31b, 0x2a338, 0x2a341, 0x2a36b, 0x2a381, 0x2a3ca, 0x2a3e0,
    0x2a3ee,  0x2a3f0,  0x2a3f6, 0x2a3fd, 0x2a42a, 0x2a499, 0x2a4b8, 0x2a4c2, 0x2a51d, 0x2a553,
    0x2a57c,  0x2a582,  0x2a5f7, 0x2a601, 0x2a612, 0x2a6cd, 0x2a704, 0x2a73b, 0x2a73e, 0x2a741,
    0x2a76b,  0x2a778,  0x2a782, 0x2a795, 0x2a79a, 0x2a7c1, 0x2a7ea, 0x2a7ff, 0x2a802, 0x2a8a5,
    0x2a8df,  0x2a902,  0x2a90d, 0x2a912, 0x2a931, 0x2a93b, 0x2a941, 0x2a96b, 0x2a970, 0x2a982,
    0x2a9dc,  0x2a9ea,  0x2a9ed, 0x2a9fa, 0x2aac1, 0x2aac6, 0x2aac9, 0x2aad6, 0x2aadd, 0x2aae6,
    0x2aaf9,  0x2ab02,  0x2ab05, 0x2ab0a, 0x2ab0f, 0x2ab6e, 0x2ab78, 0x2ab82, 0x2abad, 0x2abc0,
    0x2abca,  0x2abd5,  0x2abdf, 0x2ac06, 0x2ac1f, 0x2ac26, 0x2ac3f, 0x2ac46, 0x2ac5f, 0x2ac82,
    0x2ac9f,  0x2aca2,  0x2acbf, 0x2acc2, 0x2ad6c, 0x2ad72, 0x2ada8, 0x2adb3, 0x2adc2, 0x2af8d,
    0x2afac,  0x2afb1,  0x2afbb, 0x2afc1, 0x2afeb, 0x2b002, 0x35e93, 0x35ec2, 0x35f1f, 0x35f2e,
    0x35ff3,  0x3e402,  0x3e9bb, 0x3e9c2, 0x3eb6b, 0x3ec02, 0x3ec1f, 0x3ec4e, 0x3ec63, 0x3ec76,
    0x3ec79,  0x3ec7e,  0x3eca4, 0x3ecaa, 0x3ecdf, 0x3ece2, 0x3ecf7, 0x3ecfa, 0x3ecff, 0x3ed02,
    0x3ed0b,  0x3ed0e,  0x3ed17, 0x3ed1a, 0x3eec8, 0x3ef0f, 0x3ef4e, 0x3f178, 0x3f192, 0x3f4f8,
    0x3f542,  0x3f643,  0x3f64a, 0x3f723, 0x3f73c, 0x3f743, 0x3f7c2, 0x3f7e8, 0x3f801, 0x3f840,
    0x3f86b,  0x3f881,  0x3f8c0, 0x3f8cd, 0x3f8d4, 0x3f935, 0x3f940, 0x3f94f, 0x3f950, 0x3f99f,
    0x3f9a0,  0x3f9b3,  0x3f9c0, 0x3f9c6, 0x3f9c8, 0x3f9ce, 0x3f9d0, 0x3f9d7, 0x3f9d8, 0x3f9de,
    0x3f9e0,  0x3f9e6,  0x3f9e8, 0x3f9ee, 0x3f9f0, 0x3f9f6, 0x3f9f8, 0x3f9fe, 0x3fbf7, 0x3fc04,
    0x3fc41,  0x3fc68,  0x3fc86, 0x3fcec, 0x3fcfd, 0x3fd00, 0x3fd06, 0x3fd6c, 0x3fd9a, 0x3fe79,
    0x3fe82,  0x3feff,  0x3ff0a, 0x3ff23, 0x3ff2a, 0x3ff43, 0x3ff4a, 0x3ff63, 0x3ff6a, 0x3ff77,
    0x3ff80,  0x3ff9f,  0x3ffa0, 0x3ffbf, 0x3fff0, 0x3fffb, 0x40002, 0x40033, 0x40036, 0x4009f,
    0x400a2,  0x400ef,  0x400f2, 0x400fb, 0x400fe, 0x4013b, 0x40142, 0x4017b, 0x40202, 0x403ef,
    0x40400,  0x4040f,  0x4041c, 0x404d3, 0x404dc, 0x40502, 0x405d4, 0x4063f, 0x40640, 0x40677,
    0x40680,  0x40687,  0x40740, 0x407f5, 0x407fb, 0x40a02, 0x40a77, 0x40a82, 0x40b47, 0x40b81,
    0x40b84,  0x40bf3,  0x40c02, 0x40c80, 0x40c93, 0x40cb6, 0x40d2f, 0x40d42, 0x40dd9, 0x40def,
    0x40e02,  0x40e7b,  0x40e7c, 0x40e82, 0x40f13, 0x40f22, 0x40f40, 0x40f46, 0x40f5b, 0x41002,
    0x4127b,  0x41281,  0x412ab, 0x412c2, 0x41353, 0x41362, 0x413f3, 0x41402, 0x414a3, 0x414c2,
    0x41593,  0x415bc,  0x415c2, 0x415ef, 0x415f2, 0x4162f, 0x41632, 0x4164f, 0x41652, 0x4165b,
    0x4165e,  0x4168b,  0x4168e, 0x416cb, 0x416ce, 0x416eb, 0x416ee, 0x416f7, 0x41802, 0x41cdf,
    0x41d02,  0x41d5b,  0x41d82, 0x41da3, 0x41e02, 0x41e1b, 0x41e1e, 0x41ec7, 0x41eca, 0x41eef,
    0x42002,  0x4201b,  0x42022, 0x42027, 0x4202a, 0x420db, 0x420de, 0x420e7, 0x420f2, 0x420f7,
    0x420fe,  0x4215b,  0x4215c, 0x42182, 0x421dc, 0x42202, 0x4227f, 0x4229c, 0x422c3, 0x42382,
    0x423cf,  0x423d2,  0x423db, 0x423ec, 0x42402, 0x42458, 0x42473, 0x4247c, 0x42482, 0x424eb,
    0x424fc,  0x42503,  0x42602, 0x426e3, 0x426f0, 0x426fa, 0x42700, 0x42743, 0x42748, 0x42802,
    0x42805,  0x42813,  0x42815, 0x4281f, 0x42831, 0x42842, 0x42853, 0x42856, 0x42863, 0x42866,
    0x428db,  0x428e1,  0x428ef, 0x428fd, 0x42900, 0x42927, 0x42940, 0x42967, 0x42982, 0x429f4,
    0x42a02,  0x42a74,  0x42a83, 0x42b02, 0x42b20, 0x42b26, 0x42b95, 0x42b9f, 0x42bac, 0x42bdf,
    0x42c02,  0x42cdb,  0x42ce4, 0x42d02, 0x42d5b, 0x42d60, 0x42d82, 0x42dcf, 0x42de0, 0x42e02,
    0x42e4b,  0x42e64,  0x42e77, 0x42ea4, 0x42ec3, 0x43002, 0x43127, 0x43202, 0x432cf, 0x43302,
    0x433cf,  0x433e8,  0x43402, 0x43491, 0x434a3, 0x434c1, 0x434eb, 0x43980, 0x439ff, 0x43a02,
    0x43aab,  0x43aad,  0x43ab4, 0x43abb, 0x43ac2, 0x43acb, 0x43c02, 0x43c74, 0x43c9e, 0x43ca3,
    0x43cc2,  0x43d19,  0x43d44, 0x43d6b, 0x43dc2, 0x43e09, 0x43e18, 0x43e2b, 0x43ec2, 0x43f14,
    0x43f33,  0x43f82,  0x43fdf, 0x44001, 0x4400e, 0x440e1, 0x4411c, 0x4413b, 0x44148, 0x44199,
    0x441c6,  0x441cd,  0x441d6, 0x441db, 0x441fd, 0x4420e, 0x442c1, 0x442ec, 0x442f7, 0x442f8,
    0x44309,  0x4430f,  0x44342, 0x443a7, 0x443c1, 0x443eb, 0x44401, 0x4440e, 0x4449d, 0x444d7,
    0x444d9,  0x44500,  0x44512, 0x44515, 0x4451e, 0x44523, 0x44542, 0x445cd, 0x445d0, 0x445da,
    0x445df,  0x44601,  0x4460e, 0x446cd, 0x44706, 0x44714, 0x44725, 0x44734, 0x44739, 0x4476a,
    0x4476c,  0x44772,  0x44774, 0x44783, 0x44784, 0x447d7, 0x44802, 0x4484b, 0x4484e, 0x448b1,
    0x448e0,  0x448f9,  0x448ff, 0x44a02, 0x44a1f, 0x44a22, 0x44a27, 0x44a2a, 0x44a3b, 0x44a3e,
    0x44a7b,  0x44a7e,  0x44aa4, 0x44aab, 0x44ac2, 0x44b7d, 0x44baf, 0x44bc1, 0x44beb, 0x44c01,
    0x44c13,  0x44c16,  0x44c37, 0x44c3e, 0x44c47, 0x44c4e, 0x44ca7, 0x44caa, 0x44cc7, 0x44cca,
    0x44cd3,  0x44cd6,  0x44ceb, 0x44ced, 0x44cf6, 0x44cf9, 0x44d17, 0x44d1d, 0x44d27, 0x44d2d,
    0x44d3b,  0x44d42,  0x44d47, 0x44d5d, 0x44d63, 0x44d76, 0x44d89, 0x44d93, 0x44d99, 0x44db7,
    0x44dc1,  0x44dd7,  0x45002, 0x450d5, 0x4511e, 0x4512c, 0x45141, 0x45168, 0x45173, 0x45174,
    0x45179,  0x4517e,  0x4518b, 0x45202, 0x452c1, 0x45312, 0x45318, 0x4531e, 0x45323, 0x45341,
    0x4536b,  0x45602,  0x456bd, 0x456db, 0x456e1, 0x45704, 0x45762, 0x45771, 0x4577b, 0x45802,
    0x458c1,  0x45904,  0x45912, 0x45917, 0x45941, 0x4596b, 0x45980, 0x459b7, 0x45a02, 0x45aad,
    0x45ae2,  0x45ae4,  0x45aeb, 0x45b01, 0x45b2b, 0x45c02, 0x45c6f, 0x45c75, 0x45cb3, 0x45cc1,
    0x45ce8,  0x45d02,  0x45d1f, 0x46002, 0x460b1, 0x460ec, 0x460f3, 0x46282, 0x46381, 0x463a8,
    0x463cf,  0x463fe,  0x4641f, 0x46426, 0x4642b, 0x46432, 0x46453, 0x46456, 0x4645f, 0x46462,
    0x464c1,  0x464db,  0x464dd, 0x464e7, 0x464ed, 0x464fe, 0x46501, 0x46506, 0x46509, 0x46510,
    0x4651f,  0x46541,  0x4656b, 0x46682, 0x466a3, 0x466aa, 0x46745, 0x46763, 0x46769, 0x46786,
    0x46788,  0x4678e,  0x46791, 0x46797, 0x46802, 0x46805, 0x4682e, 0x468cd, 0x468ea, 0x468ed,
    0x468fc,  0x4691d,  0x46923, 0x46942, 0x46945, 0x46972, 0x46a29, 0x46a68, 0x46a76, 0x46a78,
    0x46a8f,  0x46ac2,  0x46be7, 0x47002, 0x47027, 0x4702a, 0x470bd, 0x470df, 0x470e1, 0x47102,
    0x47104,  0x4711b,  0x47141, 0x47168, 0x471b7, 0x471c0, 0x471ca, 0x47243, 0x47249, 0x472a3,
    0x472a5,  0x472df,  0x47402, 0x4741f, 0x47422, 0x4742b, 0x4742e, 0x474c5, 0x474df, 0x474e9,
    0x474ef,  0x474f1,  0x474fb, 0x474fd, 0x4751a, 0x4751d, 0x47523, 0x47541, 0x4756b, 0x47582,
    0x4759b,  0x4759e,  0x475a7, 0x475aa, 0x47629, 0x4763f, 0x47641, 0x4764b, 0x4764d, 0x47662,
    0x47667,  0x47681,  0x476ab, 0x47b82, 0x47bcd, 0x47bdc, 0x47be7, 0x47ec2, 0x47ec7, 0x47f00,
    0x47fcb,  0x47ffc,  0x48002, 0x48e6b, 0x49002, 0x491bf, 0x491c0, 0x491d7, 0x49202, 0x49513,
    0x4be42,  0x4bfc4,  0x4bfcf, 0x4c002, 0x4d0bf, 0x51002, 0x5191f, 0x5a002, 0x5a8e7, 0x5a902,
    0x5a97f,  0x5a981,  0x5a9ab, 0x5a9b8, 0x5a9c2, 0x5aaff, 0x5ab01, 0x5ab2b, 0x5ab42, 0x5abbb,
    0x5abc1,  0x5abd4,  0x5abdb, 0x5ac02, 0x5acc1, 0x5acdc, 0x5ad02, 0x5ad10, 0x5ad1b, 0x5ad41,
    0x5ad6b,  0x5ad6c,  0x5ad8b, 0x5ad8e, 0x5ade3, 0x5adf6, 0x5ae43, 0x5b902, 0x5ba00, 0x5ba6f,
    0x5bc02,  0x5bd2f,  0x5bd3d, 0x5bd42, 0x5bd45, 0x5be23, 0x5be3d, 0x5be4e, 0x5be83, 0x5bf82,
    0x5bf88,  0x5bf8e,  0x5bf91, 0x5bf97, 0x5bfc1, 0x5bfcb, 0x5c002, 0x61fe3, 0x62002, 0x6335b,
    0x63402,  0x63427,  0x6bfc2, 0x6bfd3, 0x6bfd6, 0x6bff3, 0x6bff6, 0x6bfff, 0x6c002, 0x6c48f,
    0x6c542,  0x6c54f,  0x6c592, 0x6c5a3, 0x6c5c2, 0x6cbf3, 0x6f002, 0x6f1af, 0x6f1c2, 0x6f1f7,
    0x6f202,  0x6f227,  0x6f242, 0x6f26b, 0x6f270, 0x6f275, 0x6f27c, 0x6f283, 0x73c01, 0x73cbb,
    0x73cc1,  0x73d1f,  0x73d40, 0x73f13, 0x74000, 0x743db, 0x74400, 0x7449f, 0x744a4, 0x74595,
    0x745a8,  0x745b5,  0x745cf, 0x745ed, 0x7460c, 0x74615, 0x74630, 0x746a9, 0x746b8, 0x747af,
    0x74800,  0x74909,  0x74914, 0x7491b, 0x74b80, 0x74bd3, 0x74c00, 0x74d5f, 0x74d80, 0x74de7,
    0x75002,  0x75157,  0x7515a, 0x75277, 0x7527a, 0x75283, 0x7528a, 0x7528f, 0x75296, 0x7529f,
    0x752a6,  0x752b7,  0x752ba, 0x752eb, 0x752ee, 0x752f3, 0x752f6, 0x75313, 0x75316, 0x7541b,
    0x7541e,  0x7542f,  0x75436, 0x75457, 0x7545a, 0x75477, 0x7547a, 0x754eb, 0x754ee, 0x754ff,
    0x75502,  0x75517,  0x7551a, 0x7551f, 0x7552a, 0x75547, 0x7554a, 0x75a9b, 0x75aa2, 0x75b04,
    0x75b0a,  0x75b6c,  0x75b72, 0x75bec, 0x75bf2, 0x75c54, 0x75c5a, 0x75cd4, 0x75cda, 0x75d3c,
    0x75d42,  0x75dbc,  0x75dc2, 0x75e24, 0x75e2a, 0x75ea4, 0x75eaa, 0x75f0c, 0x75f12, 0x75f33,
    0x75f39,  0x76000,  0x76801, 0x768dc, 0x768ed, 0x769b4, 0x769d5, 0x769d8, 0x76a11, 0x76a14,
    0x76a33,  0x76a6d,  0x76a83, 0x76a85, 0x76ac3, 0x77c02, 0x77c7f, 0x78001, 0x7801f, 0x78021,
    0x78067,  0x7806d,  0x7808b, 0x7808d, 0x78097, 0x78099, 0x780af, 0x78402, 0x784b7, 0x784c1,
    0x784de,  0x784fb,  0x78501, 0x7852b, 0x7853a, 0x7853c, 0x78543, 0x78a42, 0x78ab9, 0x78abf,
    0x78b02,  0x78bb1,  0x78beb, 0x78bfc, 0x78c03, 0x79f82, 0x79f9f, 0x79fa2, 0x79fb3, 0x79fb6,
    0x79fbf,  0x79fc2,  0x79fff, 0x7a002, 0x7a317, 0x7a31c, 0x7a341, 0x7a35f, 0x7a402, 0x7a511,
    0x7a52e,  0x7a533,  0x7a541, 0x7a56b, 0x7a578, 0x7a583, 0x7b1c4, 0x7b2d7, 0x7b404, 0x7b4fb,
    0x7b802,  0x7b813,  0x7b816, 0x7b883, 0x7b886, 0x7b88f, 0x7b892, 0x7b897, 0x7b89e, 0x7b8a3,
    0x7b8a6,  0x7b8cf,  0x7b8d2, 0x7b8e3, 0x7b8e6, 0x7b8eb, 0x7b8ee, 0x7b8f3, 0x7b90a, 0x7b90f,
    0x7b91e,  0x7b923,  0x7b926, 0x7b92b, 0x7b92e, 0x7b933, 0x7b936, 0x7b943, 0x7b946, 0x7b94f,
    0x7b952,  0x7b957,  0x7b95e, 0x7b963, 0x7b966, 0x7b96b, 0x7b96e, 0x7b973, 0x7b976, 0x7b97b,
    0x7b97e,  0x7b983,  0x7b986, 0x7b98f, 0x7b992, 0x7b997, 0x7b99e, 0x7b9af, 0x7b9b2, 0x7b9cf,
    0x7b9d2,  0x7b9e3,  0x7b9e6, 0x7b9f7, 0x7b9fa, 0x7b9ff, 0x7ba02, 0x7ba2b, 0x7ba2e, 0x7ba73,
    0x7ba86,  0x7ba93,  0x7ba96, 0x7baab, 0x7baae, 0x7baf3, 0x7bbc0, 0x7bbcb, 0x7c000, 0x7c0b3,
    0x7c0c0,  0x7c253,  0x7c280, 0x7c2bf, 0x7c2c4, 0x7c303, 0x7c304, 0x7c343, 0x7c344, 0x7c3db,
    0x7c400,  0x7c6bb,  0x7c798, 0x7c80f, 0x7c840, 0x7c8f3, 0x7c900, 0x7c927, 0x7c940, 0x7c94b,
    0x7c980,  0x7c99b,  0x7cc00, 0x7db63, 0x7db74, 0x7dbb7, 0x7dbc0, 0x7dbf7, 0x7dc00, 0x7ddd3,
    0x7de00,  0x7df67,  0x7df80, 0x7dfb3, 0x7dfc0, 0x7dfc7, 0x7e000, 0x7e033, 0x7e040, 0x7e123,
    0x7e140,  0x7e16b,  0x7e180, 0x7e223, 0x7e240, 0x7e2bb, 0x7e2c0, 0x7e2cb, 0x7e400, 0x7e953,
    0x7e980,  0x7e9bb,  0x7e9c0, 0x7e9d7, 0x7e9e0, 0x7e9f7, 0x7ea00, 0x7ea1f, 0x7ea40, 0x7eab7,
    0x7eac0,  0x7eaef,  0x7eb00, 0x7eb1b, 0x7eb40, 0x7eb6b, 0x7eb80, 0x7eba3, 0x7ebc0, 0x7ebdf,
    0x7ec00,  0x7ee4f,  0x7ee50, 0x7ef2f, 0x7efc1, 0x7efeb, 0x80002, 0xa9b83, 0xa9c02, 0xadce7,
    0xadd02,  0xae07b,  0xae082, 0xb3a8b, 0xb3ac2, 0xbaf87, 0xbe002, 0xbe87b, 0xc0002, 0xc4d2f,
    0x380401, 0x3807c3,
};

int uni_class(char32_t c) {
    if (c < 0x80) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') return 2;
        if (c >= '0' && c <= '9') return 1;
        if (c < 0x20 || c == 0x7f) return 3;
        return 0;
    }
    const uint32_t key = (static_cast<uint32_t>(c) << 2) | 3u;
    const uint32_t* it = std::upper_bound(std::begin(kUniSegs), std::end(kUniSegs), key);
    if (it == std::begin(kUniSegs)) return 3;
    return static_cast<int>(*(it - 1) & 3u);
}

struct KwEntry {
    std::string_view text;
    Tok tok;
};

constexpr KwEntry kKeywords[] = {
    {"False", Tok::KwFalse},
    {"None", Tok::KwNone},
    {"True", Tok::KwTrue},
    {"and", Tok::KwAnd},
    {"as", Tok::KwAs},
    {"assert", Tok::KwAssert},
    {"async", Tok::KwAsync},
    {"await", Tok::KwAwait},
    {"break", Tok::KwBreak},
    {"class", Tok::KwClass},
    {"continue", Tok::KwContinue},
    {"def", Tok::KwDef},
    {"del", Tok::KwDel},
    {"elif", Tok::KwElif},
    {"else", Tok::KwElse},
    {"except", Tok::KwExcept},
    {"finally", Tok::KwFinally},
    {"for", Tok::KwFor},
    {"from", Tok::KwFrom},
    {"global", Tok::KwGlobal},
    {"if", Tok::KwIf},
    {"import", Tok::KwImport},
    {"in", Tok::KwIn},
    {"is", Tok::KwIs},
    {"lambda", Tok::KwLambda},
    {"nonlocal", Tok::KwNonlocal},
    {"not", Tok::KwNot},
    {"or", Tok::KwOr},
    {"pass", Tok::KwPass},
    {"raise", Tok::KwRaise},
    {"return", Tok::KwReturn},
    {"try", Tok::KwTry},
    {"while", Tok::KwWhile},
    {"with", Tok::KwWith},
    {"yield", Tok::KwYield},
};

Tok keyword_or_name(std::string_view s) {
    if (s.size() < 2 || s.size() > 8) return Tok::Name;
    for (const auto& k : kKeywords)
        if (k.text == s) return k.tok;
    return Tok::Name;
}

bool is_digit(int c) {
    return c >= '0' && c <= '9';
}
bool is_xdigit(int c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool potential_id_start(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
}
bool potential_id_char(int c) {
    return potential_id_start(c) || is_digit(c);
}

std::string hex4(char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(c));
    return buf;
}

class Lexer {
  public:
    Lexer(std::string_view src, Mode mode, std::size_t begin, std::size_t end, ast::Pos start)
        : src_(src), pos_(begin), end_(end), mode_(mode), line_(start.line), line_start_(begin),
          line_base_col_(start.col), cc_off_(begin), cc_col_(start.col), buf_start_(begin) {}

    LexResult run() {
        res_.tokens.reserve((end_ - pos_) / 3 + 8);
        try {
            if (mode_ == Mode::FString) {
                // CPython parses an f-string expression as "(" + expression + ")": the
                // parentheses are virtual tokens placed just around the expression
                const int col = col_at(pos_) - 1;
                push_virtual(Tok::LPar, line_, col);
                parens_.push_back({'(', line_, col});
                res_.tokens.back().level = 1;
            }
            scan();
        } catch (const Stop&) {
        }
        return std::move(res_);
    }

  private:
    struct Stop {};
    struct Paren {
        char c;
        int line;
        int col; // 1-based col of the bracket
    };

    std::string_view src_;
    std::size_t pos_, end_;
    Mode mode_;
    int line_;
    std::size_t line_start_;
    int line_base_col_;
    std::size_t cc_off_;
    int cc_col_;
    // CPython's tok->buf: the start of the physical line where the current run of lines joined
    // by backslashes or multi-line strings began ("unexpected character after line
    // continuation character" counts its column from there).
    std::size_t buf_start_;
    std::vector<int> indstack_{0}, altindstack_{0};
    std::vector<Paren> parens_;
    bool atbol_ = true;
    bool blankline_ = false;
    bool pending_newline_ = false; // tokens seen on the current logical line (File/Eval)
    LexResult res_;

    int peekc(std::size_t off = 0) const {
        return pos_ + off < end_ ? static_cast<unsigned char>(src_[pos_ + off]) : -1;
    }

    // 1-based column (code points) of byte `off` on the current line.
    int col_at(std::size_t off) {
        if (off < cc_off_ || cc_off_ < line_start_) {
            cc_off_ = line_start_;
            cc_col_ = line_base_col_;
        }
        while (cc_off_ < off) {
            if ((static_cast<unsigned char>(src_[cc_off_]) & 0xC0) != 0x80) ++cc_col_;
            ++cc_off_;
        }
        return cc_col_;
    }
    int chars_between(std::size_t a, std::size_t b) const {
        int n = 0;
        for (std::size_t i = a; i < b; ++i)
            if ((static_cast<unsigned char>(src_[i]) & 0xC0) != 0x80) ++n;
        return n;
    }

    // CPython's tokenizer error offset: the number of characters before `cur` on the line.
    int offset_at(std::size_t cur) { return col_at(cur) - 1; }

    void new_line(std::size_t next_line_start) {
        ++line_;
        line_start_ = next_line_start;
        line_base_col_ = 1;
        cc_off_ = line_start_;
        cc_col_ = 1;
    }

    // Length in characters of the current line including its newline (CPython's cur - line_start
    // once the whole line has been read).
    int line_len_with_newline() {
        std::size_t e = line_start_;
        while (e < end_ && src_[e] != '\n') ++e;
        int n = col_at(e) - line_base_col_ + 1;
        return n + (line_base_col_ - 1);
    }

    Token& push(Tok t, std::size_t start, std::size_t end) {
        Token tok;
        tok.type = t;
        tok.start = static_cast<uint32_t>(start);
        tok.end = static_cast<uint32_t>(end);
        tok.line = line_;
        tok.col = col_at(start);
        tok.end_line = line_;
        tok.end_col = col_at(end);
        tok.level = static_cast<int>(parens_.size());
        res_.tokens.push_back(tok);
        return res_.tokens.back();
    }
    Token& push_virtual(Tok t, int line, int col) {
        Token tok;
        tok.type = t;
        tok.start = tok.end = static_cast<uint32_t>(pos_);
        tok.line = tok.end_line = line;
        tok.col = tok.end_col = col;
        tok.level = static_cast<int>(parens_.size());
        res_.tokens.push_back(tok);
        return res_.tokens.back();
    }

    [[noreturn]] void fail(std::string msg, ast::Pos pos, ErrorSeverity sev,
                           std::string kind = "SyntaxError") {
        LexError e;
        e.error = SyntaxError(std::move(msg), pos, std::move(kind));
        e.severity = sev;
        if (!parens_.empty()) {
            e.in_brackets = true;
            e.bracket = parens_.back().c;
            e.bracket_pos = {parens_.back().line, parens_.back().col};
        }
        push_virtual(Tok::Error, pos.line, pos.col);
        res_.error = std::move(e);
        throw Stop{};
    }
    // syntaxerror(tok, ...) with tok->cur == cur: hard error at the character before cur.
    [[noreturn]] void hard(std::string msg, std::size_t cur) {
        fail(std::move(msg), {line_, offset_at(cur)}, ErrorSeverity::Hard);
    }

    void scan() {
        for (;;) {
            if (atbol_) {
                atbol_ = false;
                if (mode_ != Mode::FString) indentation();
            }
            // skip whitespace
            for (;;) {
                int c = peekc();
                if (c == ' ' || c == '\t' || c == '\f') {
                    ++pos_;
                } else if (c == '\n' && mode_ == Mode::FString) {
                    ++pos_;
                    new_line(pos_);
                } else {
                    break;
                }
            }
            const std::size_t start = pos_;
            int c = peekc();
            if (c == '#') {
                while (pos_ < end_ && src_[pos_] != '\n') ++pos_;
                c = peekc();
            }
            if (c == -1) {
                at_eof(start);
                return;
            }
            if (c == '\n') {
                ++pos_;
                buf_start_ = pos_;
                if (blankline_ || !parens_.empty()) {
                    new_line(pos_);
                    atbol_ = true;
                    continue;
                }
                // a NEWLINE after a comment starts at the '#', as in CPython
                push(Tok::Newline, start, pos_);
                pending_newline_ = false;
                new_line(pos_);
                atbol_ = true;
                continue;
            }
            pending_newline_ = true;
            if (potential_id_start(c)) {
                name_or_string(start);
                continue;
            }
            if (is_digit(c) || (c == '.' && is_digit(peekc(1)))) {
                number(start);
                continue;
            }
            if (c == '\'' || c == '"') {
                string(start);
                continue;
            }
            if (c == '\\') {
                int n = peekc(1);
                if (n == '\n') {
                    pos_ += 2;
                    new_line(pos_);
                    if (peekc() == -1) {
                        // CPython: E_EOF inside a continuation line.
                        if (!parens_.empty()) unclosed();
                        fail("unexpected EOF while parsing", {line_ - 1, last_line_eof_col()},
                             ErrorSeverity::Soft);
                    }
                    continue;
                }
                // E_LINECONT: col_offset = cur - line_start - 1 where cur is after the next char
                std::size_t cur = pos_ + 1;
                if (n != -1) {
                    int len = 1;
                    decode_utf8(src_, cur, len);
                    cur += len;
                }
                if (n == -1) {
                    if (!parens_.empty()) unclosed();
                    fail("unexpected EOF while parsing", {line_, line_len_with_newline()},
                         ErrorSeverity::Soft);
                }
                fail("unexpected character after line continuation character",
                     {line_, chars_between(buf_start_, cur)}, ErrorSeverity::Soft);
            }
            op(start);
        }
    }

    // Column of ENDMARKER after a continuation consumed the last newline: the previous line's
    // length + 1.
    int last_line_eof_col() {
        // the previous line ends at pos_-1 ('\n'); find its start
        std::size_t e = pos_ - 1;
        std::size_t b = e;
        while (b > 0 && src_[b - 1] != '\n') --b;
        int n = 0;
        for (std::size_t i = b; i < e; ++i)
            if ((static_cast<unsigned char>(src_[i]) & 0xC0) != 0x80) ++n;
        return n + 1;
    }

    void indentation() {
        int col = 0, altcol = 0;
        int cont_line_col = 0; // a backslash continuation: its column sets the indentation
        std::size_t p = pos_;
        for (;; ++p) {
            int c = p < end_ ? static_cast<unsigned char>(src_[p]) : -1;
            if (c == ' ') {
                ++col;
                ++altcol;
            } else if (c == '\t') {
                col = (col / kTabSize + 1) * kTabSize;
                ++altcol;
            } else if (c == '\f') {
                col = altcol = 0;
            } else if (c == '\\') {
                cont_line_col = cont_line_col ? cont_line_col : col;
                const int n = p + 1 < end_ ? static_cast<unsigned char>(src_[p + 1]) : -1;
                if (n != '\n') {
                    std::size_t cur = p + 1;
                    if (n != -1) {
                        int len = 1;
                        decode_utf8(src_, cur, len);
                        cur += len;
                    }
                    pos_ = p;
                    if (n == -1)
                        fail("unexpected EOF while parsing", {line_, line_len_with_newline()},
                             ErrorSeverity::Soft);
                    fail("unexpected character after line continuation character",
                         {line_, offset_at(cur)}, ErrorSeverity::Soft);
                }
                p += 1; // at the newline; the loop's ++p moves past it
                new_line(p + 1);
                buf_start_ = p + 1;
                if (p + 1 >= end_) {
                    pos_ = p + 1;
                    fail("unexpected EOF while parsing", {line_ - 1, last_line_eof_col()},
                         ErrorSeverity::Soft);
                }
            } else {
                break;
            }
        }
        int c = p < end_ ? static_cast<unsigned char>(src_[p]) : -1;
        blankline_ = (c == '#' || c == '\n' || c == -1);
        const int width = col_at(p) - line_base_col_; // characters of indentation
        pos_ = p;
        if (blankline_ || !parens_.empty() || mode_ != Mode::File) return;
        if (cont_line_col) col = altcol = cont_line_col;
        if (col == indstack_.back()) {
            if (altcol != altindstack_.back()) tab_error();
        } else if (col > indstack_.back()) {
            if (static_cast<int>(indstack_.size()) >= kMaxIndent)
                fail("too many levels of indentation", {line_, 1}, ErrorSeverity::Soft,
                     "IndentationError");
            if (altcol <= altindstack_.back()) tab_error();
            indstack_.push_back(col);
            altindstack_.push_back(altcol);
            push_virtual(Tok::Indent, line_, width);
        } else {
            int dedents = 0;
            while (indstack_.size() > 1 && col < indstack_.back()) {
                indstack_.pop_back();
                altindstack_.pop_back();
                ++dedents;
            }
            if (col != indstack_.back())
                fail("unindent does not match any outer indentation level",
                     {line_, line_len_with_newline()}, ErrorSeverity::Soft, "IndentationError");
            if (altcol != altindstack_.back()) tab_error();
            for (int i = 0; i < dedents; ++i) push_virtual(Tok::Dedent, line_, width);
        }
    }

    [[noreturn]] void tab_error() {
        fail("inconsistent use of tabs and spaces in indentation", {line_, 1}, ErrorSeverity::Soft,
             "TabError");
    }

    [[noreturn]] void unclosed() {
        const Paren& p = parens_.back();
        fail(std::string("'") + p.c + "' was never closed", {p.line, p.col}, ErrorSeverity::Soft);
    }

    void at_eof(std::size_t newline_start) {
        if (mode_ == Mode::FString && parens_.size() == 1) {
            parens_.pop_back();
            const int col = col_at(pos_);
            push_virtual(Tok::RPar, line_, col).end_col = col + 1;
            push_virtual(Tok::EndMarker, line_, col + 1);
            return;
        }
        if (!parens_.empty()) unclosed();
        // CPython reports virtual tokens at EOF at (last line, its length + 1).
        int line = line_, col = 0;
        if (pos_ > line_start_ || line_start_ == 0) {
            col = line_len_with_newline();
        } else {
            // input ended with '\n': the last line is the previous one
            line = line_ - 1;
            col = pos_ > 0 ? last_line_eof_col() : 0;
            if (line < 1) {
                line = 1;
                col = 0;
            }
        }
        if (mode_ != Mode::FString && pending_newline_) {
            push_virtual(Tok::Newline, line_, col_at(newline_start));
            pending_newline_ = false;
        }
        if (mode_ == Mode::File) {
            while (indstack_.size() > 1) {
                indstack_.pop_back();
                push_virtual(Tok::Dedent, line, col);
            }
        }
        push_virtual(Tok::EndMarker, line, col);
    }

    void name_or_string(std::size_t start) {
        // string prefixes, CPython's rules
        bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
        int c = peekc();
        for (;;) {
            if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B'))
                saw_b = true;
            else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U'))
                saw_u = true;
            else if (!(saw_r || saw_u) && (c == 'r' || c == 'R'))
                saw_r = true;
            else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F'))
                saw_f = true;
            else
                break;
            ++pos_;
            c = peekc();
            if (c == '"' || c == '\'') {
                string(start);
                return;
            }
        }
        bool nonascii = false;
        while (true) {
            c = peekc();
            if (!potential_id_char(c)) break;
            if (c >= 128) nonascii = true;
            ++pos_;
        }
        if (nonascii) verify_identifier(start);
        std::string_view text = src_.substr(start, pos_ - start);
        push(keyword_or_name(text), start, pos_);
    }

    void verify_identifier(std::size_t start) {
        std::size_t i = start;
        bool first = true;
        while (i < pos_) {
            int len = 1;
            char32_t ch = decode_utf8(src_, i, len);
            int cls = uni_class(ch);
            bool ok = first ? cls == 2 : (cls == 1 || cls == 2);
            if (!ok) {
                std::size_t cur = i + len;
                if (is_printable(ch)) {
                    std::string s = "invalid character '";
                    append_utf8(s, ch);
                    s += "' (U+" + hex4(ch) + ")";
                    hard(s, cur);
                }
                hard("invalid non-printable character U+" + hex4(ch), cur);
            }
            first = false;
            i += len;
        }
    }

    // verify_end_of_number: c is the character after the number (not consumed).
    void end_of_number(const char* kind) {
        int c = peekc();
        bool r = false;
        auto ahead = [&](const char* rest) {
            std::size_t k = 1;
            for (; *rest; ++rest, ++k)
                if (peekc(k) != *rest) return false;
            return !potential_id_char(peekc(k));
        };
        if (c == 'a')
            r = ahead("nd");
        else if (c == 'e')
            r = ahead("lse");
        else if (c == 'f')
            r = ahead("or");
        else if (c == 'i') {
            int c2 = peekc(1);
            r = c2 == 'f' || c2 == 'n' || c2 == 's';
        } else if (c == 'o')
            r = ahead("r");
        else if (c == 'n')
            r = ahead("ot");
        if (r) return; // CPython only warns (SyntaxWarning)
        // (a non-ASCII character after a number is not reported here by CPython 3.11: the
        // number ends and a name starts)
        if (potential_id_char(c) && c < 128)
            hard(std::string("invalid ") + kind + " literal", pos_);
    }

    // tok_decimal_tail: digits with single underscores between them.
    void decimal_tail() {
        for (;;) {
            while (is_digit(peekc())) ++pos_;
            if (peekc() != '_') return;
            ++pos_;
            if (!is_digit(peekc())) hard("invalid decimal literal", pos_);
        }
    }

    void number(std::size_t start) {
        int c = peekc();
        if (c == '.') { // .5
            ++pos_;
            fraction_and_rest(start);
            return;
        }
        if (c == '0') {
            ++pos_;
            c = peekc();
            if (c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B') {
                radix(start, c);
                return;
            }
            bool nonzero = false;
            for (;;) {
                if (peekc() == '_') {
                    ++pos_;
                    if (!is_digit(peekc())) hard("invalid decimal literal", pos_);
                }
                if (peekc() != '0') break;
                ++pos_;
            }
            if (is_digit(peekc())) {
                nonzero = true;
                decimal_tail();
            }
            c = peekc();
            if (c == '.') {
                ++pos_;
                fraction_and_rest(start);
                return;
            }
            if (c == 'e' || c == 'E') {
                exponent_and_rest(start);
                return;
            }
            if (c == 'j' || c == 'J') {
                imaginary(start);
                return;
            }
            if (nonzero) {
                // CPython gives this one in bytes: start + 1 - line_start
                fail("leading zeros in decimal integer literals are not permitted; use an 0o "
                     "prefix for octal integers",
                     {line_, static_cast<int>(start - line_start_) + line_base_col_},
                     ErrorSeverity::Hard);
            }
            end_of_number("decimal");
            push(Tok::Number, start, pos_);
            return;
        }
        decimal_tail();
        c = peekc();
        if (c == '.') {
            ++pos_;
            fraction_and_rest(start);
            return;
        }
        if (c == 'e' || c == 'E') {
            exponent_and_rest(start);
            return;
        }
        if (c == 'j' || c == 'J') {
            imaginary(start);
            return;
        }
        end_of_number("decimal");
        push(Tok::Number, start, pos_);
    }

    void fraction_and_rest(std::size_t start) {
        if (is_digit(peekc())) decimal_tail();
        int c = peekc();
        if (c == 'e' || c == 'E') {
            exponent_and_rest(start);
            return;
        }
        if (c == 'j' || c == 'J') {
            imaginary(start);
            return;
        }
        end_of_number("decimal");
        push(Tok::Number, start, pos_);
    }

    void exponent_and_rest(std::size_t start) {
        // peekc() is 'e' or 'E'
        int c = peekc(1);
        if (c == '+' || c == '-') {
            pos_ += 2;
            if (!is_digit(peekc())) hard("invalid decimal literal", pos_);
        } else if (!is_digit(c)) {
            // "1e" followed by something else: the number ends before the 'e'
            end_of_number("decimal");
            push(Tok::Number, start, pos_);
            return;
        } else {
            ++pos_;
        }
        decimal_tail();
        c = peekc();
        if (c == 'j' || c == 'J') {
            imaginary(start);
            return;
        }
        end_of_number("decimal");
        push(Tok::Number, start, pos_);
    }

    void imaginary(std::size_t start) {
        ++pos_; // j
        end_of_number("imaginary");
        push(Tok::Number, start, pos_);
    }

    void radix(std::size_t start, int x) {
        ++pos_; // the x/o/b
        const char* kind = (x == 'x' || x == 'X')   ? "hexadecimal"
                           : (x == 'o' || x == 'O') ? "octal"
                                                    : "binary";
        auto ok = [&](int c) {
            if (x == 'x' || x == 'X') return is_xdigit(c);
            if (x == 'o' || x == 'O') return c >= '0' && c < '8';
            return c == '0' || c == '1';
        };
        const bool hex = (x == 'x' || x == 'X');
        int c;
        do {
            if (peekc() == '_') ++pos_;
            c = peekc();
            if (!ok(c)) {
                if (!hex && is_digit(c)) {
                    ++pos_;
                    hard(std::string("invalid digit '") + static_cast<char>(c) + "' in " + kind +
                             " literal",
                         pos_);
                }
                hard(std::string("invalid ") + kind + " literal", pos_);
            }
            while (ok(peekc())) ++pos_;
            c = peekc();
        } while (c == '_');
        if (!hex && is_digit(c)) {
            ++pos_;
            hard(std::string("invalid digit '") + static_cast<char>(c) + "' in " + kind +
                     " literal",
                 pos_);
        }
        end_of_number(kind);
        push(Tok::Number, start, pos_);
    }

    void string(std::size_t start) {
        const int first_line = line_;
        const int start_col = col_at(start);
        const char quote = src_[pos_];
        int quote_size = 1;
        int end_quote_size = 0;
        ++pos_;
        if (peekc() == quote) {
            ++pos_;
            if (peekc() == quote) {
                ++pos_;
                quote_size = 3;
            } else {
                end_quote_size = 1; // empty string
            }
        }
        while (end_quote_size != quote_size) {
            int c = peekc();
            if (c == -1 || (quote_size == 1 && c == '\n')) {
                // CPython counts a line when it starts reading it: at EOF right after a
                // newline the detection line is still the previous one.
                int detected = line_;
                if (c == -1 && pos_ > 0 && pos_ == line_start_ && src_[pos_ - 1] == '\n')
                    --detected;
                std::string msg =
                    quote_size == 3 ? "unterminated triple-quoted string literal (detected at line "
                                    : "unterminated string literal (detected at line ";
                msg += std::to_string(detected) + ")";
                fail(msg, {first_line, start_col}, ErrorSeverity::Hard);
            }
            ++pos_;
            if (c == quote) {
                ++end_quote_size;
            } else {
                end_quote_size = 0;
                if (c == '\\') {
                    int n = peekc();
                    if (n != -1) {
                        ++pos_;
                        if (n == '\n') new_line(pos_);
                    }
                } else if (c == '\n') {
                    new_line(pos_);
                }
            }
        }
        Token tok;
        tok.type = Tok::String;
        tok.start = static_cast<uint32_t>(start);
        tok.end = static_cast<uint32_t>(pos_);
        tok.line = first_line;
        tok.col = start_col;
        tok.end_line = line_;
        tok.end_col = col_at(pos_);
        tok.level = static_cast<int>(parens_.size());
        res_.tokens.push_back(tok);
    }

    static Tok two_char(int c, int c2) {
        switch (c) {
        case '!':
            return c2 == '=' ? Tok::NotEqual : Tok::EndMarker;
        case '%':
            return c2 == '=' ? Tok::PercentEqual : Tok::EndMarker;
        case '&':
            return c2 == '=' ? Tok::AmperEqual : Tok::EndMarker;
        case '*':
            return c2 == '*' ? Tok::DoubleStar : c2 == '=' ? Tok::StarEqual : Tok::EndMarker;
        case '+':
            return c2 == '=' ? Tok::PlusEqual : Tok::EndMarker;
        case '-':
            return c2 == '=' ? Tok::MinEqual : c2 == '>' ? Tok::RArrow : Tok::EndMarker;
        case '/':
            return c2 == '/' ? Tok::DoubleSlash : c2 == '=' ? Tok::SlashEqual : Tok::EndMarker;
        case ':':
            return c2 == '=' ? Tok::ColonEqual : Tok::EndMarker;
        case '<':
            // "<>" is NOTEQUAL only under barry_as_FLUFL: a token the grammar never accepts
            return c2 == '<'   ? Tok::LeftShift
                   : c2 == '=' ? Tok::LessEqual
                   : c2 == '>' ? Tok::BadOp
                               : Tok::EndMarker;
        case '=':
            return c2 == '=' ? Tok::EqEqual : Tok::EndMarker;
        case '>':
            return c2 == '=' ? Tok::GreaterEqual : c2 == '>' ? Tok::RightShift : Tok::EndMarker;
        case '@':
            return c2 == '=' ? Tok::AtEqual : Tok::EndMarker;
        case '^':
            return c2 == '=' ? Tok::CircumflexEqual : Tok::EndMarker;
        case '|':
            return c2 == '=' ? Tok::VBarEqual : Tok::EndMarker;
        default:
            return Tok::EndMarker;
        }
    }

    static Tok one_char(int c) {
        switch (c) {
        case '(':
            return Tok::LPar;
        case ')':
            return Tok::RPar;
        case '[':
            return Tok::LSqb;
        case ']':
            return Tok::RSqb;
        case '{':
            return Tok::LBrace;
        case '}':
            return Tok::RBrace;
        case ':':
            return Tok::Colon;
        case ',':
            return Tok::Comma;
        case ';':
            return Tok::Semi;
        case '+':
            return Tok::Plus;
        case '-':
            return Tok::Minus;
        case '*':
            return Tok::Star;
        case '/':
            return Tok::Slash;
        case '|':
            return Tok::VBar;
        case '&':
            return Tok::Amper;
        case '<':
            return Tok::Less;
        case '>':
            return Tok::Greater;
        case '=':
            return Tok::Equal;
        case '.':
            return Tok::Dot;
        case '%':
            return Tok::Percent;
        case '~':
            return Tok::Tilde;
        case '^':
            return Tok::Circumflex;
        case '@':
            return Tok::At;
        default:
            return Tok::BadOp;
        }
    }

    void op(std::size_t start) {
        const int c = peekc(), c2 = peekc(1), c3 = peekc(2);
        Tok t = Tok::EndMarker;
        int n = 3;
        if (c == '*' && c2 == '*' && c3 == '=')
            t = Tok::DoubleStarEqual;
        else if (c == '.' && c2 == '.' && c3 == '.')
            t = Tok::Ellipsis;
        else if (c == '/' && c2 == '/' && c3 == '=')
            t = Tok::DoubleSlashEqual;
        else if (c == '<' && c2 == '<' && c3 == '=')
            t = Tok::LeftShiftEqual;
        else if (c == '>' && c2 == '>' && c3 == '=')
            t = Tok::RightShiftEqual;
        if (t == Tok::EndMarker) {
            n = 2;
            t = two_char(c, c2);
        }
        if (t == Tok::EndMarker) {
            n = 1;
            t = one_char(c);
            if (t == Tok::BadOp && (c < 0x20 || c == 0x7f)) // c >= 128 went to names
                hard("invalid non-printable character U+" + hex4(static_cast<char32_t>(c)),
                     pos_ + 1);
        }
        pos_ += n;
        // bracket tracking (CPython's parenstack)
        if (t == Tok::LPar || t == Tok::LSqb || t == Tok::LBrace) {
            if (static_cast<int>(parens_.size()) >= kMaxLevel)
                hard("too many nested parentheses", pos_);
            parens_.push_back({static_cast<char>(c), line_, col_at(start)});
        } else if (t == Tok::RPar || t == Tok::RSqb || t == Tok::RBrace) {
            if (parens_.empty())
                hard(std::string("unmatched '") + static_cast<char>(c) + "'", pos_);
            Paren open = parens_.back();
            parens_.pop_back();
            char want = open.c == '(' ? ')' : open.c == '[' ? ']' : '}';
            if (c != want) {
                std::string msg = std::string("closing parenthesis '") + static_cast<char>(c) +
                                  "' does not match opening parenthesis '" + open.c + "'";
                if (open.line != line_) msg += " on line " + std::to_string(open.line);
                hard(msg, pos_);
            }
        }
        push(t, start, pos_);
    }
};

} // namespace

bool is_xid_start(char32_t c) {
    return uni_class(c) == 2;
}
bool is_xid_continue(char32_t c) {
    int k = uni_class(c);
    return k == 1 || k == 2;
}
bool is_printable(char32_t c) {
    if (c == ' ') return true;
    if (c < 0x80) return c > 0x20 && c != 0x7f;
    return uni_class(c) != 3;
}

char32_t decode_utf8(std::string_view s, std::size_t i, int& len) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    len = 1;
    if (b0 < 0x80) return b0;
    int n;
    char32_t cp;
    if ((b0 & 0xE0) == 0xC0) {
        n = 2;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        n = 3;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        n = 4;
        cp = b0 & 0x07;
    } else {
        return 0xFFFFFFFF;
    }
    if (i + n > s.size()) return 0xFFFFFFFF;
    for (int k = 1; k < n; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0xFFFFFFFF;
        cp = (cp << 6) | (b & 0x3F);
    }
    // reject overlong forms, surrogates and values beyond U+10FFFF
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFFFFFF;
    len = n;
    return cp;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

bool normalize_newlines(std::string_view src, std::string& out) {
    if (src.find('\r') == std::string_view::npos) return false;
    std::string r;
    r.reserve(src.size());
    for (std::size_t i = 0; i < src.size(); ++i) {
        if (src[i] == '\r') {
            r += '\n';
            if (i + 1 < src.size() && src[i + 1] == '\n') ++i;
        } else {
            r += src[i];
        }
    }
    out = std::move(r);
    return true;
}

LexResult tokenize(std::string_view src, Mode mode, std::size_t begin, std::size_t end,
                   ast::Pos start) {
    return Lexer(src, mode, begin, std::min(end, src.size()), start).run();
}

const char* token_text(Tok t) {
    switch (t) {
    case Tok::LPar:
        return "(";
    case Tok::RPar:
        return ")";
    case Tok::LSqb:
        return "[";
    case Tok::RSqb:
        return "]";
    case Tok::LBrace:
        return "{";
    case Tok::RBrace:
        return "}";
    case Tok::Colon:
        return ":";
    case Tok::Comma:
        return ",";
    case Tok::Semi:
        return ";";
    case Tok::Plus:
        return "+";
    case Tok::Minus:
        return "-";
    case Tok::Star:
        return "*";
    case Tok::Slash:
        return "/";
    case Tok::VBar:
        return "|";
    case Tok::Amper:
        return "&";
    case Tok::Less:
        return "<";
    case Tok::Greater:
        return ">";
    case Tok::Equal:
        return "=";
    case Tok::Dot:
        return ".";
    case Tok::Percent:
        return "%";
    case Tok::EqEqual:
        return "==";
    case Tok::NotEqual:
        return "!=";
    case Tok::LessEqual:
        return "<=";
    case Tok::GreaterEqual:
        return ">=";
    case Tok::Tilde:
        return "~";
    case Tok::Circumflex:
        return "^";
    case Tok::LeftShift:
        return "<<";
    case Tok::RightShift:
        return ">>";
    case Tok::DoubleStar:
        return "**";
    case Tok::PlusEqual:
        return "+=";
    case Tok::MinEqual:
        return "-=";
    case Tok::StarEqual:
        return "*=";
    case Tok::SlashEqual:
        return "/=";
    case Tok::PercentEqual:
        return "%=";
    case Tok::AmperEqual:
        return "&=";
    case Tok::VBarEqual:
        return "|=";
    case Tok::CircumflexEqual:
        return "^=";
    case Tok::LeftShiftEqual:
        return "<<=";
    case Tok::RightShiftEqual:
        return ">>=";
    case Tok::DoubleStarEqual:
        return "**=";
    case Tok::DoubleSlash:
        return "//";
    case Tok::DoubleSlashEqual:
        return "//=";
    case Tok::At:
        return "@";
    case Tok::AtEqual:
        return "@=";
    case Tok::RArrow:
        return "->";
    case Tok::Ellipsis:
        return "...";
    case Tok::ColonEqual:
        return ":=";
    default:
        break;
    }
    for (const auto& k : kKeywords)
        if (k.tok == t) return k.text.data();
    return "";
}

} // namespace ds::lex
